import type { DataSource, QueryRunner } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';
import { transaction } from '../../src/db/transaction';
import { createTestDatabase, type TestDatabase } from '../support/test-databases';

/** MySQL/MariaDB only: SQLite has one writer and no isolation levels to choose. */
const describeOnMysql = process.env.MYSQL_URL ? describe : describe.skip;

/** The statements the data source's query runners send, in order. */
function recordStatements(db: DataSource): string[] {
  const seen: string[] = [];
  const driver = db.driver as unknown as { createQueryRunner(mode?: string): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode?: string) => {
    const runner = create(mode);
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, ...rest: unknown[]) => {
      seen.push(sql);
      return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as QueryRunner['query'];
    return runner;
  };
  return seen;
}

// How the pool's connections are set up (db/data-source.ts, db/mysql-connections.ts): every transaction
// runs at READ COMMITTED (db/transaction.ts), set once per connection as it connects, so no transaction
// spends a round trip saying so; and no statement pays for a stack trace it will almost never need.
describeOnMysql('the MySQL/MariaDB connections', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('mysql');
    db = await openDatabase(database.target);
    await db.query('CREATE TABLE rc_probe (id INT PRIMARY KEY, v INT NOT NULL)');
    await db.query('INSERT INTO rc_probe VALUES (1, 1)');
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('capture no stack trace before each statement, and a failed statement still names the code that ran it', async () => {
    const pool = (db.driver as unknown as { pool: { config: { connectionConfig: { trace: boolean } } } }).pool;
    expect(pool.config.connectionConfig.trace).toBe(false);
    async function readsAMissingTable() {
      return await db.query('SELECT * FROM no_such_table');
    }
    const err = (await readsAMissingTable().catch((e: unknown) => e)) as Error & { driverError?: { code?: string } };
    expect(err.driverError?.code).toBe('ER_NO_SUCH_TABLE');
    expect(err.stack).toContain('readsAMissingTable');
  });

  it('every connection of the pool is at READ COMMITTED, the first one as well as those opened under load', async () => {
    const runners = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const runner = db.createQueryRunner();
        await runner.connect();
        return runner;
      }),
    );
    try {
      const levels = await Promise.all(runners.map(async (runner) => (await runner.query("SHOW SESSION VARIABLES WHERE Variable_name IN ('tx_isolation', 'transaction_isolation')")) as Array<{ Value: string }>));
      expect(levels.map((rows) => [...new Set(rows.map((r) => r.Value))])).toEqual(Array.from({ length: 6 }, () => ['READ-COMMITTED']));
    } finally {
      await Promise.all(runners.map((runner) => runner.release()));
    }
  });

  it('a transaction sees what another connection committed meanwhile, without a statement of its own to set the level', async () => {
    const statements = recordStatements(db);
    const seen = await transaction(db, async (manager) => {
      const before = ((await manager.query('SELECT v FROM rc_probe WHERE id = 1')) as Array<{ v: number }>)[0]?.v;
      // Another connection (autocommit) changes the row while this transaction is open.
      await db.query('UPDATE rc_probe SET v = v + 1 WHERE id = 1');
      const after = ((await manager.query('SELECT v FROM rc_probe WHERE id = 1')) as Array<{ v: number }>)[0]?.v;
      return { before, after };
    });
    // At REPEATABLE READ (the server's default) the second read would repeat the first.
    expect(seen.after).toBe((seen.before ?? 0) + 1);
    expect(statements.filter((sql) => /ISOLATION/i.test(sql))).toEqual([]);
    expect(statements).toContain('START TRANSACTION');
  });
});

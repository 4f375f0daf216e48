import 'reflect-metadata';
import { openDatabase } from '../../src/db/data-source';
import { DATABASE_KINDS, createTestDatabase } from '../support/test-databases';

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  it('build exactly the schema the entities describe, so no migration is missing', async () => {
    const db = await createTestDatabase(kind);
    const dataSource = await openDatabase(db.target);
    try {
      // What `typeorm migration:generate` would write: empty means the migrations are complete.
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it('can be undone and run again', async () => {
    const db = await createTestDatabase(kind);
    const dataSource = await openDatabase(db.target);
    try {
      for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
      expect(await dataSource.showMigrations()).toBe(true);
      await dataSource.runMigrations();
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});

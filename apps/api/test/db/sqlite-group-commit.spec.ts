import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { committedRows } from '../support/committed-rows';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';

/**
 * On SQLite every COMMIT is synced to disk, and writes that arrive in the same turn of the event loop
 * share one COMMIT (one sync of the WAL); each caller hears of its write only once that COMMIT is done.
 */
describe('writes that arrive together (SQLite)', () => {
  let dir: string;
  let file: string;
  let db: DataSource;

  const insert = (name: string) => db.query('INSERT INTO scratch (name) VALUES (?)', [name]);
  /** Another process's view of the file: only committed rows are visible to it. */
  const committedNames = (): string[] => committedRows<{ name: string }>(file, 'SELECT name FROM scratch ORDER BY name').map((r) => r.name);
  /** Frames in the WAL since it was last emptied: each COMMIT writes the pages it changed again. */
  const walFrames = async (): Promise<number> => {
    const [row] = (await db.query('PRAGMA wal_checkpoint(PASSIVE)')) as Array<{ log: number }>;
    return row?.log ?? NaN;
  };
  const emptyWal = () => db.query('PRAGMA wal_checkpoint(TRUNCATE)');

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'maestro-group-commit-'));
    file = path.join(dir, 'maestro.sqlite');
    db = await openDatabase({ kind: 'sqlite', file });
    await db.query('CREATE TABLE scratch (name TEXT PRIMARY KEY)');
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('syncs every commit to disk (synchronous FULL): a power cut loses no write that was answered', async () => {
    const [row] = (await db.query('PRAGMA synchronous')) as Array<{ synchronous: number }>;
    expect(row?.synchronous).toBe(2);
  });

  it('stores five writes of one turn with one commit: the WAL grows as for one write, not five', async () => {
    await emptyWal();
    await insert('yksi');
    const oneWrite = await walFrames();

    await emptyWal();
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map(insert));
    const fiveTogether = await walFrames();

    await emptyWal();
    for (const name of ['f', 'g', 'h', 'i', 'j']) await insert(name);
    const fiveInTurn = await walFrames();

    expect(oneWrite).toBeGreaterThan(0);
    expect(fiveTogether).toBe(oneWrite);
    expect(fiveInTurn).toBe(5 * oneWrite);
  });

  it('answers each caller only after the commit: what it was told is stored is visible to another process', async () => {
    const seenWhenAnswered = await Promise.all(['matti', 'maija', 'pekka'].map((name) => insert(name).then(() => committedNames().includes(name))));
    expect(seenWhenAnswered).toEqual([true, true, true]);
  });

  it('refuses a write that breaks a constraint alone: the others of its turn are stored', async () => {
    await insert('olemassa');
    const results = await Promise.allSettled([insert('ennen'), insert('olemassa'), insert('jälkeen')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    expect(committedNames()).toEqual(['ennen', 'jälkeen', 'olemassa']);
  });
});

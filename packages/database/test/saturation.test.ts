import { spawn } from 'node:child_process';
import { createTestDatabase, testDialects, type TestDatabase } from '@nlai/testing';
import { databaseOptions, isTransientConflict, openDatabase, retryingTransaction } from '../src';
import { CreateLab1764374400000, LabSchema, migrationsFor } from './lab-table';

describe.each(testDialects())('a saturated database (%s) makes callers wait within bounds, never fail at random', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect, 'saturation');
  });
  afterEach(() => database.drop());

  const options = (extra: { poolSize?: number; poolQueueLimit?: number; sqliteBusyTimeoutMs?: number } = {}) =>
    databaseOptions({
      url: database.url,
      sqliteFile: database.sqliteFile,
      entities: [LabSchema],
      migrations: migrationsFor(dialect, [CreateLab1764374400000]),
      ...extra,
    });

  if (dialect === 'mysql') {
    it('queues at most poolQueueLimit requests for a connection and refuses the rest at once', async () => {
      const { dataSource } = await openDatabase(options({ poolSize: 1, poolQueueLimit: 2 }));
      try {
        const started = Date.now();
        const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => dataSource.query('SELECT SLEEP(0.2) AS slept')));
        const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
        expect(refused).toHaveLength(5);
        expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/queue limit/i);
        // One connection served the three in turn; nothing waited for the refused ones.
        expect(Date.now() - started).toBeLessThan(2000);
      } finally {
        await dataSource.destroy();
      }
    });
  } else {
    it('makes a writer wait for another process’s lock (busy timeout) instead of failing with SQLITE_BUSY', async () => {
      const { dataSource } = await openDatabase(options({ sqliteBusyTimeoutMs: 5000 }));
      // Another process takes the write lock and holds it for 400 ms.
      const holder = spawn(
        process.execPath,
        [
          '-e',
          `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec("BEGIN IMMEDIATE; INSERT INTO lab (id, name) VALUES ('a', 'Held lab')");
         console.log('locked');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
         db.exec('COMMIT');`,
          database.sqliteFile,
        ],
        { cwd: __dirname },
      );
      try {
        await new Promise((resolve) => holder.stdout.once('data', resolve));
        const waitedFrom = Date.now();
        await expect(dataSource.query("INSERT INTO lab (id, name) VALUES ('b', 'Waiting lab')")).resolves.toBeDefined();
        expect(Date.now() - waitedFrom).toBeGreaterThan(100);
        expect(await dataSource.query('SELECT id FROM lab ORDER BY id')).toEqual([{ id: 'a' }, { id: 'b' }]);
      } finally {
        holder.kill();
        await dataSource.destroy();
      }
    });
  }

  it('runs a transaction again when it is chosen as a deadlock victim', async () => {
    const { dataSource } = await openDatabase(options());
    try {
      let runs = 0;
      const result = await retryingTransaction(dataSource, async (manager) => {
        runs += 1;
        await manager.query(`INSERT INTO lab (id, name) VALUES ('run-${runs}', 'Run ${runs}')`);
        if (runs < 3) throw Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK' });
        return runs;
      });
      expect(result).toBe(3);
      // The failed runs were rolled back: only the third one's row is there.
      expect(await dataSource.query('SELECT id FROM lab')).toEqual([{ id: 'run-3' }]);
      expect(isTransientConflict(new Error('other'))).toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });
});

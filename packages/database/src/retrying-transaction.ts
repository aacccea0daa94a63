import type { DataSource, EntityManager } from 'typeorm';
import { replicaRoutingOf, type ReplicaRouting } from './read-replicas';

/**
 * A transaction on the primary whose commit's GTID (`@@last_gtid`, read on
 * the same connection) is noted for the caller, so their next reads go only
 * to a replica that has applied it: read-your-writes.
 */
async function transactionNotingItsGtid<T>(
  dataSource: DataSource,
  replicas: ReplicaRouting,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner('master');
  try {
    const result = await runner.manager.transaction(work);
    const [row] = (await runner.query('SELECT @@last_gtid AS gtid')) as Array<{ gtid: string | null }>;
    await replicas.noteWrite(row?.gtid ?? '');
    return result;
  } finally {
    await runner.release();
  }
}

/** Errors after which the same transaction, run again, may well succeed. */
export function isTransientConflict(error: unknown): boolean {
  const { code, driverError } = (error ?? {}) as { code?: string; driverError?: { code?: string } };
  return [code, driverError?.code].some(
    (candidate) => candidate === 'ER_LOCK_DEADLOCK' || candidate === 'ER_LOCK_WAIT_TIMEOUT' || candidate === 'SQLITE_BUSY',
  );
}

/**
 * A transaction that is run again when the database chose it as a deadlock
 * victim (InnoDB does so under concurrent inserts into the same unique
 * indexes): up to `attempts` times, with a short random pause in between.
 */
export async function retryingTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const replicas = replicaRoutingOf(dataSource);
      return await (replicas ? transactionNotingItsGtid(dataSource, replicas, work) : dataSource.transaction(work));
    } catch (error) {
      if (!isTransientConflict(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

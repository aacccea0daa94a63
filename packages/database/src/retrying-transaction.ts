import type { DataSource, EntityManager } from 'typeorm';

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
      return await dataSource.transaction(work);
    } catch (error) {
      if (!isTransientConflict(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

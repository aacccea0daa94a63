import type { DataSource } from 'typeorm';

/** How busy a database's connections are at this moment. */
export interface PoolUsage {
  /** Connections the pool may hold. */
  size: number;
  /** Connections lent out to a query or transaction. */
  inUse: number;
  /** Requests for a connection queued because none was free. */
  waiting: number;
}

/** mysql2's pool keeps its queues in fields of its own; read, never changed. */
interface Mysql2Pool {
  config?: { connectionLimit?: number };
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/**
 * The connection pool's usage. MySQL: mysql2's pool (connections open minus
 * free ones, and the queue of callers waiting for one). SQLite: one
 * connection used synchronously, so nothing ever waits for it and it is
 * never in use between two statements: the saturation to watch there is the
 * event-loop delay.
 */
export function poolUsage(dataSource: DataSource): PoolUsage {
  if (dataSource.options.type === 'better-sqlite3') return { size: 1, inUse: 0, waiting: 0 };
  // With replicas, TypeORM keeps a pool cluster: the primary's pool is its MASTER node.
  const driver = dataSource.driver as unknown as { pool?: Mysql2Pool; poolCluster?: { _nodes?: Record<string, { pool: Mysql2Pool }> } };
  const pool = driver.pool ?? driver.poolCluster?._nodes?.MASTER?.pool;
  const open = pool?._allConnections?.length ?? 0;
  return {
    size: pool?.config?.connectionLimit ?? 0,
    inUse: open - (pool?._freeConnections?.length ?? 0),
    waiting: pool?._connectionQueue?.length ?? 0,
  };
}

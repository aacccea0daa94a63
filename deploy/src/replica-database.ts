import { PrivateMariaDb } from '@nlai/testing';

/** `server` installed and started, or, when that fails once, a fresh one. */
async function installed(server: PrivateMariaDb, serverId: number): Promise<PrivateMariaDb> {
  try {
    await server.install();
    return server;
  } catch {
    await server.remove();
    const again = new PrivateMariaDb({ serverId });
    await again.install();
    return again;
  }
}

/**
 * A MariaDB primary writing a binary log with GTIDs and a second `mariadbd`
 * (its own data directory and port) replicating from it by GTID: what the
 * subgraphs' `<PREFIX>_DATABASE_URL` and `<PREFIX>_DATABASE_REPLICA_URLS`
 * point at. Both are the cluster's own, in throwaway directories.
 */
export class ReplicatedDatabase {
  primary = new PrivateMariaDb({ serverId: 1 });
  replica = new PrivateMariaDb({ serverId: 2 });

  /** Installs and starts both servers and starts replication. */
  async start(): Promise<void> {
    // One after the other, and a second try: mariadb-install-db now and then fails on a busy machine.
    this.primary = await installed(this.primary, 1);
    this.replica = await installed(this.replica, 2);
    await this.replica.replicate(this.primary);
  }

  /** Creates a database on the primary (replicated like every later write). */
  async createDatabase(name: string): Promise<void> {
    await this.primary.execute(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }

  /** mysql://root@127.0.0.1:<primary port>/<database> */
  primaryUrl(database: string): string {
    return `${this.primary.url}/${database}`;
  }

  replicaUrl(database: string): string {
    return `${this.replica.url}/${database}`;
  }

  /** How far the replica is behind, as MariaDB says (`Seconds_Behind_Master`; null while its SQL thread is stopped). */
  async replicaLagSeconds(): Promise<number | null> {
    const [rows] = (await this.replica.execute('SHOW SLAVE STATUS')) as Array<Array<{ Seconds_Behind_Master: number | null }>>;
    return rows?.[0]?.Seconds_Behind_Master ?? null;
  }

  /** Stops both servers and removes their data. */
  async remove(): Promise<void> {
    await Promise.all([this.replica.remove(), this.primary.remove()]);
  }
}

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { freePort } from './processes';

const run = promisify(execFile);

/**
 * A MariaDB server of the test's own, on a free port with a throwaway data
 * directory, so a test may stop and restart it without touching the
 * machine's server. Needs Debian's mariadb-server binaries.
 */
export class PrivateMariaDb {
  private child: ChildProcess | undefined;
  private readonly directory = mkdtempSync(join(tmpdir(), 'nlai-mariadb-'));
  private port = 0;

  /**
   * `serverId` set: the server writes a binary log with GTIDs (row format),
   * so it can be a replication primary, or a replica (see {@link replicate}).
   */
  constructor(private readonly options: { serverId?: number; port?: number } = {}) {}

  /** The port it listens on (0 before {@link install}). */
  get listeningPort(): number {
    return this.port;
  }

  /** mysql://root@127.0.0.1:<port> */
  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  async install(): Promise<void> {
    // A temporary directory of its own: the bootstrap's temporary tables in the shared /tmp collided with another instance's.
    mkdirSync(join(this.directory, 'tmp'));
    await run('mariadb-install-db', [
      '--no-defaults',
      `--datadir=${join(this.directory, 'data')}`,
      `--tmpdir=${join(this.directory, 'tmp')}`,
      '--user=root',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ]);
    this.port = this.options.port ?? (await freePort());
    await this.start();
  }

  /** Starts the server and waits until it accepts connections. */
  async start(): Promise<void> {
    this.child = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        `--datadir=${join(this.directory, 'data')}`,
        `--tmpdir=${join(this.directory, 'tmp')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.directory, 'mysqld.sock')}`,
        '--user=root',
        ...(this.options.serverId === undefined
          ? ['--skip-log-bin']
          : [`--server-id=${this.options.serverId}`, '--log-bin=mariadb-bin', '--binlog-format=ROW', '--log-slave-updates']),
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const connection = await createConnection({ uri: this.url, connectTimeout: 1000 });
        await connection.end();
        return;
      } catch (error) {
        if (Date.now() > deadline || this.child.exitCode !== null) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  /** Runs statements as root, one connection, in order. */
  async execute(...statements: string[]): Promise<unknown[]> {
    const connection = await createConnection({ uri: this.url, connectTimeout: 5000 });
    try {
      const results: unknown[] = [];
      for (const statement of statements) results.push((await connection.query(statement))[0]);
      return results;
    } finally {
      await connection.end();
    }
  }

  /**
   * Makes this server a replica of `primary`, from the primary's first
   * binary log on, by GTID (both need a serverId). Returns once replication runs.
   */
  async replicate(primary: PrivateMariaDb): Promise<void> {
    await this.execute(
      'STOP SLAVE',
      "SET GLOBAL gtid_slave_pos = ''",
      `CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${primary.listeningPort}, MASTER_USER = 'root', MASTER_PASSWORD = '', MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1`,
      'START SLAVE',
    );
  }

  /** Stops applying replicated changes (they queue in the relay log): replication lag, on demand. */
  async pauseReplication(): Promise<void> {
    await this.execute('STOP SLAVE SQL_THREAD');
  }

  /** Applies what queued while paused, and goes on replicating. */
  async resumeReplication(): Promise<void> {
    await this.execute('START SLAVE SQL_THREAD');
  }

  /** Waits until this replica has applied everything `primary` has written (its current GTID position). */
  async catchUpWith(primary: PrivateMariaDb, timeoutMs = 30_000): Promise<void> {
    const [rows] = (await primary.execute('SELECT @@gtid_binlog_pos AS position')) as Array<Array<{ position: string }>>;
    const position = rows?.[0]?.position ?? '';
    if (!position) return;
    const [waited] = (await this.execute(`SELECT MASTER_GTID_WAIT('${position}', ${timeoutMs / 1000}) AS result`)) as Array<
      Array<{ result: number }>
    >;
    if (waited?.[0]?.result !== 0) throw new Error(`replica did not reach GTID ${position} within ${timeoutMs} ms`);
  }

  /** Shuts the server down cleanly (or kills it, `SIGKILL`) and waits for it to exit. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill(signal);
    });
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

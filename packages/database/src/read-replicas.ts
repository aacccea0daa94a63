import { AsyncLocalStorage } from 'node:async_hooks';
import { createConnection, type Connection } from 'mysql2/promise';
import type { DataSource, QueryRunner } from 'typeorm';

/** What decides where a read goes, for the work in progress (one GraphQL request, a seeding run, …). */
export interface ReadScope {
  /** The token subject of the caller, whose own recent writes a read must see; null for anonymous callers. */
  caller: string | null;
  /** Every read goes to the primary: a mutation's validation reads and its payload must see its write. */
  primaryOnly: boolean;
}

const scopes = new AsyncLocalStorage<ReadScope>();

/** Runs `work` in a read scope of its own (a request): the kit fills in the caller and marks mutations. */
export function withReadScope<T>(work: () => Promise<T>): Promise<T> {
  return scopes.run({ caller: null, primaryOnly: false }, work);
}

/** The read scope of the work in progress, to fill in; undefined outside one. */
export function currentReadScope(): ReadScope | undefined {
  return scopes.getStore();
}

/** Runs `work` with every read on the primary (migrations, seeding, background jobs that write). */
export function onPrimary<T>(work: () => Promise<T>): Promise<T> {
  return scopes.run({ caller: null, primaryOnly: true }, work);
}

/** A MariaDB GTID position (`0-1-42,1-2-7`): the last sequence number per replication domain. */
export type GtidPosition = ReadonlyMap<number, number>;

export function parseGtidPosition(text: string | null | undefined): GtidPosition {
  const position = new Map<number, number>();
  for (const gtid of (text ?? '').split(',')) {
    const match = /^\s*(\d+)-\d+-(\d+)\s*$/.exec(gtid);
    if (match) position.set(Number(match[1]), Math.max(Number(match[2]), position.get(Number(match[1])) ?? 0));
  }
  return position;
}

/** Whether `position` includes every transaction of `target`, domain by domain. */
export function hasReached(position: GtidPosition, target: GtidPosition): boolean {
  for (const [domain, sequence] of target) if ((position.get(domain) ?? 0) < sequence) return false;
  return true;
}

function merged(a: GtidPosition | undefined, b: GtidPosition): GtidPosition {
  const result = new Map(a ?? []);
  for (const [domain, sequence] of b) result.set(domain, Math.max(sequence, result.get(domain) ?? 0));
  return result;
}

/** The two log levels the routing uses; pino's logger fits. */
export interface ReplicaLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** Options of {@link ReplicaRouting}. */
export interface ReplicaRoutingOptions {
  /** A replica further behind the primary than this is skipped. */
  maxLagMs: number;
  /** How often each replica (and the primary's position) is checked. */
  checkMs: number;
  logger: ReplicaLogger;
}

/** A replica as the monitor last saw it. */
interface Replica {
  /** Its node in TypeORM's (mysql2's) pool cluster: `SLAVE0`, `SLAVE1`, … */
  node: string;
  /** For logs: host and port, never the password. */
  address: string;
  url: string;
  monitor?: Connection | undefined;
  /** Answered its last check and is within the allowed lag. */
  healthy: boolean;
  /** The state last logged: each change is logged once. */
  logged: 'nothing' | 'used' | 'skipped';
  /** Why it is skipped, for the log line of the state change. */
  reason: string;
  /** Its @@gtid_slave_pos at the last check. */
  position: GtidPosition;
  lagMs: number;
}

/** Errors that say the server (not the statement) failed: the read may be run again elsewhere. */
const connectionErrors = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_CON_COUNT_ERROR',
  'POOL_NONEONLINE',
  'POOL_NOEXIST',
]);

function isConnectionError(error: unknown): boolean {
  const { code, driverError, message } = (error ?? {}) as { code?: string; driverError?: { code?: string }; message?: string };
  // mysql2 refuses a command on a connection the server closed with a bare Error: no code, only this message.
  return connectionErrors.has(code ?? '') || connectionErrors.has(driverError?.code ?? '') || /closed state/.test(message ?? '');
}

function addressOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 3306}`;
  } catch {
    return 'replica (unparsable URL)';
  }
}

/** The parts of TypeORM's MySQL driver the routing uses (its source: driver/mysql/MysqlDriver.js). */
interface ReplicatedDriver {
  poolCluster?: {
    getConnection(pattern: string, callback: (error: unknown, connection: unknown) => void): void;
  };
  obtainMasterConnection(): Promise<unknown>;
  obtainSlaveConnection(): Promise<unknown>;
  prepareDbConnection(connection: unknown): unknown;
  createQueryRunner(mode: 'master' | 'slave'): QueryRunner;
}

/** The data source's routing, if it reads from replicas: for {@link retryingTransaction} and tests. */
const routings = new WeakMap<DataSource, ReplicaRouting>();

export function replicaRoutingOf(dataSource: DataSource): ReplicaRouting | undefined {
  return routings.get(dataSource);
}

/**
 * Sends reads to healthy MariaDB replicas, and everything else to the
 * primary. TypeORM's replication (`replication: { master, slaves }`) sends
 * a read outside a transaction to `obtainSlaveConnection`, writes and
 * transactions to the primary; this replaces `obtainSlaveConnection` to pick
 * a replica that answers, is at most `maxLagMs` behind, and has applied the
 * caller's own recent writes, or else the primary.
 *
 * Lag is measured by GTID: every check reads the primary's
 * `@@gtid_binlog_pos` (remembering when each position was first seen) and
 * each replica's `@@gtid_slave_pos`; a replica's lag is the age of the
 * oldest primary position it has not reached (0 when it has them all), so a
 * replica whose SQL thread stopped is skipped once it misses writes older
 * than `maxLagMs`, not before.
 */
export class ReplicaRouting {
  private readonly replicas: Replica[];
  private primaryMonitor: Connection | undefined;
  /** Positions of the primary, oldest first, with when each was first seen; the last is the current one. */
  private primaryHistory: Array<{ position: GtidPosition; seenAt: number }> = [];
  /** Per caller: the position of their latest write, and until when it matters (after that, every replica in use has it). */
  private readonly recentWrites = new Map<string, { position: GtidPosition; until: number }>();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private nextReplica = 0;
  private stopped = false;
  private readonly driver: ReplicatedDriver;
  /** Set by whoever shares writes between processes: whether a caller's write may be unknown here (reads then go to the primary). */
  writesMayBeUnknown: () => boolean = () => false;
  /** Set by whoever shares writes between processes: tells the others about one. */
  shareWrite: (caller: string, gtid: string, until: number) => Promise<void> = async () => undefined;
  /** Reads served, by where (for metrics and tests). */
  readonly served = { replica: 0, primary: 0, retriedOnPrimary: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly primaryUrl: string,
    replicaUrls: string[],
    private readonly options: ReplicaRoutingOptions,
    private readonly ssl?: object,
  ) {
    this.driver = dataSource.driver as unknown as ReplicatedDriver;
    this.replicas = replicaUrls.map((url, index) => ({
      node: `SLAVE${index}`,
      address: addressOf(url),
      url,
      healthy: false,
      logged: 'nothing',
      reason: 'not checked yet',
      position: new Map(),
      lagMs: Number.POSITIVE_INFINITY,
    }));
  }

  /** How long a write is remembered for its caller: past it, every replica in use has it (lag ≤ max, checks ≤ checkMs old). */
  get writeMemoryMs(): number {
    return this.options.maxLagMs + 2 * this.options.checkMs;
  }

  /** Hooks into the driver and checks the replicas once; reads go to the primary until a replica passes a check. */
  async start(): Promise<void> {
    routings.set(this.dataSource, this);
    const driver = this.driver;
    driver.obtainSlaveConnection = () => this.obtainReadConnection();
    const createQueryRunner = driver.createQueryRunner.bind(driver);
    driver.createQueryRunner = (mode) => {
      const runner = createQueryRunner(mode);
      return mode === 'slave' ? this.retryingOnPrimary(runner) : runner;
    };
    // Whoever closes the data source (a server, a one-off CLI) stops the checks with it.
    const destroy = this.dataSource.destroy.bind(this.dataSource);
    this.dataSource.destroy = async () => {
      await this.stop();
      await destroy();
    };
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkMs);
    this.timer.unref();
  }

  /** Stops checking and closes the monitor connections (the pools close with the data source). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopped = true;
    await this.checking;
    const monitors = [this.primaryMonitor, ...this.replicas.map((replica) => replica.monitor)];
    this.primaryMonitor = undefined;
    for (const replica of this.replicas) replica.monitor = undefined;
    await Promise.all(monitors.map((monitor) => monitor?.end().catch(() => undefined)));
  }

  /** Each replica's state, for /ready details, logs and tests. */
  status(): Array<{ address: string; healthy: boolean; lagMs: number; reason: string }> {
    return this.replicas.map(({ address, healthy, lagMs, reason }) => ({ address, healthy, lagMs, reason }));
  }

  /**
   * Records that the caller of the current scope wrote at `gtid` (their
   * transaction's `@@last_gtid`), so their next reads go where it is applied.
   */
  async noteWrite(gtid: string): Promise<void> {
    const caller = scopes.getStore()?.caller;
    if (!caller || !gtid) return;
    const until = Date.now() + this.writeMemoryMs;
    this.rememberWrite(caller, gtid, until);
    await this.shareWrite(caller, gtid, until);
  }

  /** Remembers a caller's write (made here, or told by another process). */
  rememberWrite(caller: string, gtid: string, until: number): void {
    const known = this.recentWrites.get(caller);
    const live = known && known.until > Date.now() ? known.position : undefined;
    this.recentWrites.set(caller, { position: merged(live, parseGtidPosition(gtid)), until: Math.max(until, known?.until ?? 0) });
  }

  /** The replica a read in the current scope may use; undefined: the primary. */
  private chooseReplica(): Replica | undefined {
    const scope = scopes.getStore();
    if (scope?.primaryOnly) return undefined;
    let required: GtidPosition | undefined;
    if (scope?.caller) {
      // Only callers with a subject can have written (mutations need a token); others never pay for this.
      if (this.writesMayBeUnknown()) return undefined;
      const write = this.recentWrites.get(scope.caller);
      if (write && write.until > Date.now()) required = write.position;
    }
    for (let tried = 0; tried < this.replicas.length; tried += 1) {
      const replica = this.replicas[(this.nextReplica + tried) % this.replicas.length]!;
      if (replica.healthy && (!required || hasReached(replica.position, required))) {
        this.nextReplica = (this.nextReplica + tried + 1) % this.replicas.length;
        return replica;
      }
    }
    return undefined;
  }

  private obtainReadConnection(): Promise<unknown> {
    const replica = this.chooseReplica();
    const cluster = this.driver.poolCluster;
    if (!replica || !cluster) {
      this.served.primary += 1;
      return this.driver.obtainMasterConnection();
    }
    return new Promise((resolve) => {
      cluster.getConnection(replica.node, (error, connection) => {
        if (error) {
          // It just died: this read goes to the primary, the next ones too until a check finds it back.
          this.markDown(replica, `no connection (${(error as { code?: string }).code ?? String(error)})`);
          this.served.retriedOnPrimary += 1;
          resolve(this.driver.obtainMasterConnection());
          return;
        }
        this.served.replica += 1;
        resolve(this.driver.prepareDbConnection(connection));
      });
    });
  }

  /** A read whose replica fails under it (the server died) is run once more, on the primary. */
  private retryingOnPrimary(runner: QueryRunner): QueryRunner {
    const query = runner.query.bind(runner) as (statement: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
    runner.query = (async (statement: string, parameters?: unknown[], structured?: boolean) => {
      try {
        return await query(statement, parameters, structured);
      } catch (error) {
        const node = (runner as unknown as { databaseConnection?: { _clusterId?: string } }).databaseConnection?._clusterId;
        const replica = this.replicas.find((candidate) => candidate.node === node);
        if (!replica || !isConnectionError(error)) throw error;
        this.markDown(replica, `failed a read (${(error as { code?: string }).code ?? 'connection lost'})`);
        this.served.retriedOnPrimary += 1;
        const primary = this.dataSource.createQueryRunner('master');
        try {
          return await primary.query(statement, parameters, structured as never);
        } finally {
          await primary.release();
        }
      }
    }) as QueryRunner['query'];
    return runner;
  }

  private markDown(replica: Replica, reason: string): void {
    if (replica.logged !== 'skipped')
      this.options.logger.warn({ replica: replica.address, reason }, 'read replica skipped: reads go elsewhere');
    replica.logged = 'skipped';
    replica.healthy = false;
    replica.reason = reason;
  }

  private markUp(replica: Replica): void {
    if (replica.logged !== 'used')
      this.options.logger.info(
        { replica: replica.address, lagMs: replica.lagMs },
        replica.logged === 'skipped' ? 'read replica used again' : 'read replica in use',
      );
    replica.logged = 'used';
    replica.healthy = true;
    replica.reason = '';
  }

  /** One round of checks; a round still running is not doubled. */
  check(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.checking ??= this.checkAll().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkAll(): Promise<void> {
    const now = Date.now();
    for (const [caller, write] of this.recentWrites) if (write.until <= now) this.recentWrites.delete(caller);
    try {
      this.primaryMonitor ??= await this.connect(this.primaryUrl);
      const [rows] = await this.primaryMonitor.query({ sql: 'SELECT @@gtid_binlog_pos AS position', timeout: this.checkTimeoutMs });
      const position = parseGtidPosition((rows as Array<{ position: string }>)[0]?.position);
      const latest = this.primaryHistory.at(-1);
      if (!latest || !hasReached(latest.position, position)) this.primaryHistory.push({ position, seenAt: now });
      // Older positions matter only to tell how far behind a replica is, up to a little past the limit.
      const horizon = now - 2 * this.options.maxLagMs - this.options.checkMs;
      while (this.primaryHistory.length > 1 && this.primaryHistory[1]!.seenAt < horizon) this.primaryHistory.shift();
    } catch {
      // The primary unreachable: the replicas' lag is judged on the last position seen.
      await this.primaryMonitor?.end().catch(() => undefined);
      this.primaryMonitor = undefined;
    }
    await Promise.all(this.replicas.map((replica) => this.checkReplica(replica, now)));
  }

  private async checkReplica(replica: Replica, now: number): Promise<void> {
    try {
      replica.monitor ??= await this.connect(replica.url);
      const [rows] = await replica.monitor.query({ sql: 'SELECT @@gtid_slave_pos AS position', timeout: this.checkTimeoutMs });
      replica.position = parseGtidPosition((rows as Array<{ position: string }>)[0]?.position);
      const missed = this.primaryHistory.find((entry) => !hasReached(replica.position, entry.position));
      replica.lagMs = missed ? now - missed.seenAt : 0;
      if (replica.lagMs > this.options.maxLagMs) this.markDown(replica, `${replica.lagMs} ms behind the primary`);
      else this.markUp(replica);
    } catch (error) {
      await replica.monitor?.end().catch(() => undefined);
      replica.monitor = undefined;
      this.markDown(replica, `does not answer (${(error as { code?: string }).code ?? String(error)})`);
    }
  }

  /** A server that hangs (rather than refuses) fails its check after this long, so checks never stop. */
  private get checkTimeoutMs(): number {
    return Math.max(this.options.checkMs, 1000);
  }

  private connect(url: string): Promise<Connection> {
    const connection = createConnection({
      uri: url,
      connectTimeout: this.checkTimeoutMs,
      ...(this.ssl ? { ssl: this.ssl } : {}),
    });
    return connection.then((opened) => {
      opened.on('error', () => undefined);
      return opened;
    });
  }
}

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, graphSubgraphs, type GraphSubgraph } from '@nlai/testing';
import { machineEnvironment } from './config';
import { backendName, haproxyConfig } from './haproxy-config';
import { Haproxy, haproxyBinary, installHaproxy } from './haproxy';
import { ReplicatedDatabase } from './replica-database';
import { ReplicaProcess } from './replica-process';

const run = promisify(execFile);

/** Thrown when the machine has no HAProxy; its message says how to install it. */
export class HaproxyMissing extends Error {
  constructor() {
    super(`HAProxy is not installed. Install Debian's package: ${installHaproxy}`);
  }
}

/** Options of {@link startCluster}. */
export interface ClusterOptions {
  /** Replicas of each tier. Default: 2. */
  replicas?: number;
  /** Redis for the state replicas share (REDIS_URL). Default: the machine's, redis://127.0.0.1:6379. */
  redisUrl?: string;
  /** HAProxy's health check interval on /ready, in ms. Default: 400. */
  checkIntervalMs?: number;
  /** SHUTDOWN_DELAY_MS of every replica. Default: two check intervals (HAProxy's `fall 2`) and 1.2 s to spare. */
  shutdownDelayMs?: number;
  /** LOG_LEVEL of every replica (logs go to files in the cluster's directory). Default: warn. */
  logLevel?: string;
  /** More environment for every gateway replica (e.g. SUPERGRAPH_URL, GATEWAY_RATE_LIMIT_REQUESTS). */
  gatewayEnvironment?: Record<string, string>;
  /** More environment for every subgraph replica (e.g. DATABASE_REPLICA_MAX_LAG_MS). */
  subgraphEnvironment?: Record<string, string>;
  /** Progress lines while starting. Default: none. */
  progress?: (line: string) => void;
}

/** A subgraph's tier: its frontend on HAProxy and its replicas. */
export interface SubgraphTier extends GraphSubgraph {
  /** What the gateways call: http://127.0.0.1:<frontend>/graphql */
  frontendUrl: string;
  /** Its database (the same name on the primary and on the replica). */
  database: string;
  replicas: ReplicaProcess[];
}

/** A running cluster (see {@link startCluster}). */
export interface Cluster {
  /** Where the logs, haproxy.cfg and the stats socket live. */
  directory: string;
  /** The graph's entry point: HAProxy in front of the gateways, http://127.0.0.1:<port>/graphql */
  entryUrl: string;
  /** HAProxy's stats page (/metrics: Prometheus). */
  statsUrl: string;
  haproxy: Haproxy;
  database: ReplicatedDatabase;
  gateways: ReplicaProcess[];
  subgraphs: SubgraphTier[];
  /** Every replica: the subgraphs', then the gateways'. */
  replicas(): ReplicaProcess[];
  /** The callers' token key (AUTH_JWT_SECRET of every replica), made up for this run. */
  authSecret: string;
  /** Stops `replica` (SIGTERM: it drains) and starts it again; resolves once HAProxy has it back in rotation. */
  restart(replica: ReplicaProcess): Promise<void>;
  /** Starts a stopped replica; resolves once HAProxy has it in rotation. */
  start(replica: ReplicaProcess): Promise<void>;
  /** Restarts every replica, one at a time, each back in rotation before the next: the subgraphs, then the gateways. */
  rollingRestart(progress?: (line: string) => void): Promise<void>;
  /** Every part and its address, one per line. */
  addresses(): string[];
  /** Stops everything (replicas drain), removes the databases and the directory. Idempotent. */
  stop(): Promise<void>;
}

const secret = () => randomBytes(32).toString('hex');

/** The built entry point (`dist/index.js`) of a workspace package. */
function entryOf(packageName: string): string {
  try {
    return require.resolve(packageName);
  } catch (error) {
    throw new Error(`${packageName} is not built: npx turbo run build`, { cause: error });
  }
}

/**
 * Starts, on this machine, what stands in for several: a MariaDB primary
 * with a GTID read replica, the subgraphs' migrations (once) and sample data
 * (once), `replicas` processes of every subgraph and of the gateway, and
 * HAProxy in front of each tier (health checks on /ready, reads retried on
 * another replica, writes not). Redis is the machine's.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const binary = haproxyBinary();
  if (!binary) throw new HaproxyMissing();
  const progress = options.progress ?? (() => undefined);
  const replicaCount = options.replicas ?? 2;
  const checkIntervalMs = options.checkIntervalMs ?? 400;
  // Two failed checks take a replica out; the rest is room for a check slowed down by load.
  const shutdownDelayMs = options.shutdownDelayMs ?? 2 * checkIntervalMs + 1200;
  const redisUrl = options.redisUrl ?? 'redis://127.0.0.1:6379';
  const directory = mkdtempSync(join(tmpdir(), 'nlai-cluster-'));
  const logDirectory = join(directory, 'logs');
  mkdirSync(logDirectory);

  const database = new ReplicatedDatabase();
  const haproxy = new Haproxy(binary, directory);
  const gateways: ReplicaProcess[] = [];
  const subgraphs: SubgraphTier[] = [];
  const replicas = () => [...subgraphs.flatMap((tier) => tier.replicas), ...gateways];
  let stopped: Promise<void> | undefined;
  const stop = (keepLogs = false) =>
    (stopped ??= (async () => {
      await Promise.all(gateways.map((replica) => replica.stop()));
      await Promise.all(subgraphs.flatMap((tier) => tier.replicas).map((replica) => replica.stop()));
      await haproxy.stop();
      await database.remove();
      if (!keepLogs) rmSync(directory, { recursive: true, force: true });
    })());

  try {
    progress('starting MariaDB (primary and a GTID replica)…');
    await database.start();
    const authSecret = secret();
    const entryPort = await freePort();
    const entryUrl = `http://127.0.0.1:${entryPort}/graphql`;
    const common = {
      NODE_ENV: 'production',
      LOG_LEVEL: options.logLevel ?? 'warn',
      AUTH_JWT_SECRET: authSecret,
      REDIS_URL: redisUrl,
      SHUTDOWN_DELAY_MS: String(shutdownDelayMs),
    };

    const subgraphSecrets: Record<string, string> = {};
    for (const subgraph of graphSubgraphs()) {
      const name = `nlai_${subgraph.name.replace(/-/g, '_')}`;
      await database.createDatabase(name);
      const frontendPort = await freePort();
      const tier: SubgraphTier = { ...subgraph, frontendUrl: `http://127.0.0.1:${frontendPort}/graphql`, database: name, replicas: [] };
      const prefix = subgraph.environmentPrefix;
      subgraphSecrets[prefix] = secret();
      const entry = entryOf(subgraph.packageName);
      const environment = {
        ...common,
        [`${prefix}_HOST`]: '127.0.0.1',
        [`${prefix}_DATABASE_URL`]: database.primaryUrl(name),
        [`${prefix}_DATABASE_REPLICA_URLS`]: database.replicaUrl(name),
        [`${prefix}_SUBGRAPH_SECRET`]: subgraphSecrets[prefix],
        // Human Capital checks labs through the graph: through HAProxy, like any client.
        GATEWAY_URL: entryUrl,
        SEED_SAMPLE_DATA: 'false',
        ...options.subgraphEnvironment,
      };
      progress(`migrating ${subgraph.name}…`);
      await run(process.execPath, [entry, 'migrate'], { env: { PATH: machineEnvironment.path, ...environment } }).catch(
        (error: Error & { stderr?: string }) => {
          throw new Error(`${subgraph.name}: migrate failed: ${error.stderr ?? error.message}`);
        },
      );
      for (let index = 1; index <= replicaCount; index += 1) {
        const port = await freePort();
        const metricsPort = await freePort();
        tier.replicas.push(
          new ReplicaProcess(
            `${subgraph.name}-${index}`,
            backendName(subgraph.name),
            entry,
            port,
            { ...environment, [`${prefix}_PORT`]: String(port), [`${prefix}_METRICS_PORT`]: String(metricsPort) },
            logDirectory,
            metricsPort,
          ),
        );
      }
      // The first replica seeds the empty database, once, before the others start.
      tier.replicas[0]!.setEnvironment({ SEED_SAMPLE_DATA: 'true' });
      subgraphs.push(tier);
    }

    const gatewayEntry = entryOf('@nlai/gateway');
    for (let index = 1; index <= replicaCount; index += 1) {
      const port = await freePort();
      const metricsPort = await freePort();
      gateways.push(
        new ReplicaProcess(
          `gateway-${index}`,
          backendName('gateway'),
          gatewayEntry,
          port,
          {
            ...common,
            GATEWAY_PORT: String(port),
            GATEWAY_HOST: '127.0.0.1',
            GATEWAY_METRICS_PORT: String(metricsPort),
            // Behind HAProxy: its X-Forwarded-For names the client.
            GATEWAY_TRUSTED_PROXIES: '127.0.0.1',
            USAGE_RECORDING: 'false',
            ...Object.fromEntries(
              subgraphs.flatMap((tier) => [
                [`${tier.environmentPrefix}_URL`, tier.frontendUrl],
                [`${tier.environmentPrefix}_SUBGRAPH_SECRET`, subgraphSecrets[tier.environmentPrefix]!],
              ]),
            ),
            ...options.gatewayEnvironment,
          },
          logDirectory,
          metricsPort,
        ),
      );
    }

    const statsPort = await freePort();
    await haproxy.writeConfig(
      haproxyConfig({
        gateway: { name: 'gateway', port: entryPort, servers: gateways },
        subgraphs: subgraphs.map((tier) => ({ name: tier.name, port: Number(new URL(tier.frontendUrl).port), servers: tier.replicas })),
        statsPort,
        statsSocket: haproxy.statsSocket,
        checkIntervalMs,
      }),
    );
    progress('starting HAProxy…');
    await haproxy.start();

    const inRotation = (replica: ReplicaProcess) => haproxy.waitFor(replica.backend, replica.name, 'UP');
    const start = async (replica: ReplicaProcess) => {
      await replica.start();
      await inRotation(replica);
    };
    progress('starting the subgraphs (the first replica of each seeds)…');
    await Promise.all(subgraphs.map((tier) => tier.replicas[0]!.start()));
    for (const tier of subgraphs) tier.replicas[0]!.setEnvironment({ SEED_SAMPLE_DATA: 'false' });
    await Promise.all(subgraphs.flatMap((tier) => tier.replicas.slice(1)).map((replica) => replica.start()));
    progress('starting the gateways…');
    await Promise.all(gateways.map((replica) => replica.start()));
    await Promise.all(replicas().map(inRotation));

    let rolling: Promise<void> | undefined;
    const restart = async (replica: ReplicaProcess) => {
      await replica.stop('SIGTERM');
      await start(replica);
    };
    return {
      directory,
      entryUrl,
      statsUrl: `http://127.0.0.1:${statsPort}/`,
      haproxy,
      database,
      gateways,
      subgraphs,
      replicas,
      authSecret,
      restart,
      start,
      rollingRestart(report = () => undefined) {
        rolling ??= (async () => {
          try {
            for (const replica of replicas()) {
              report(`restarting ${replica.name}…`);
              await restart(replica);
            }
            report('rolling restart done');
          } finally {
            rolling = undefined;
          }
        })();
        return rolling;
      },
      addresses: () => [
        `entry (HAProxy → gateways)   ${entryUrl}`,
        `HAProxy stats                 http://127.0.0.1:${statsPort}/  (Prometheus: /metrics; admin socket ${haproxy.statsSocket})`,
        ...subgraphs.map((tier) => `${`HAProxy → ${tier.name}`.padEnd(30)}${tier.frontendUrl}`),
        ...replicas().map(
          (replica) => `${replica.name.padEnd(30)}${replica.url}  (metrics :${replica.metricsPort}/metrics, log ${replica.logFile})`,
        ),
        `${'MariaDB primary'.padEnd(30)}${database.primary.url}  (${subgraphs.map((tier) => tier.database).join(', ')})`,
        `${'MariaDB replica (GTID)'.padEnd(30)}${database.replica.url}`,
        `${'Redis'.padEnd(30)}${redisUrl}`,
      ],
      stop: () => stop(),
    };
  } catch (error) {
    // The logs say why a replica did not start: kept.
    await stop(true);
    throw error;
  }
}

import { createTestDatabase, type TestDatabase, type TestDialect } from './databases';
import { graphSubgraphs, type GraphSubgraph } from './graph-subgraphs';
import { freePort, startProcess, type ServiceProcess } from './processes';
import { SubgraphProxy } from './subgraph-proxy';

/** The subgraphs tests name by a typed key; any other one of supergraph.yaml is reached by its camelCase key. */
type KnownSubgraph = 'researchInnovation' | 'humanCapital';

/** A service of the graph: `gateway`, or a subgraph by its camelCase key (e.g. `researchInnovation`). */
// `string & {}` keeps the known names suggested while any subgraph of supergraph.yaml is accepted.
type ServiceName = 'gateway' | KnownSubgraph | (string & {});

/** One value per subgraph of supergraph.yaml, by camelCase key; the known ones typed. */
export type PerSubgraph<T> = Record<KnownSubgraph, T> & Partial<Record<string, T>>;

/** The whole graph as real processes: every subgraph of schema/supergraph.yaml on a throwaway database, and the gateway. */
export interface TestGraph {
  dialect: TestDialect;
  /** The subgraphs started, as supergraph.yaml lists them. */
  subgraphs: GraphSubgraph[];
  researchInnovation: ServiceProcess;
  humanCapital: ServiceProcess;
  gateway: ServiceProcess;
  /** A running service by name; throws when it is stopped or unknown. */
  service(name: ServiceName): ServiceProcess;
  databases: PerSubgraph<TestDatabase>;
  /** With `proxied`: the proxies between the gateway and each subgraph. */
  proxies: PerSubgraph<SubgraphProxy> | undefined;
  /** Stops one service with SIGTERM and starts it again on the same database and port. */
  restart(name: ServiceName): Promise<ServiceProcess>;
  /** Stops one service (SIGTERM unless told otherwise); returns its exit code. */
  stopService(name: ServiceName, signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts a stopped service again. */
  startService(name: ServiceName): Promise<ServiceProcess>;
  /** Stops everything and drops the databases. */
  stop(): Promise<void>;
}

/** Options of {@link startGraph}. */
export interface StartGraphOptions {
  dialect: TestDialect;
  /** Extra environment for every process. */
  env?: Record<string, string | undefined>;
  /** Extra environment for one process. */
  envFor?: Partial<Record<ServiceName, Record<string, string | undefined>>>;
  /** Puts a counting, delaying proxy between the gateway and each subgraph. */
  proxied?: boolean;
  /** For dialect mysql: the server to create the databases on, instead of TEST_MYSQL_URL's. */
  mysqlServer?: string;
  /** The supergraph config listing the subgraphs to start. Default: schema/supergraph.yaml. */
  supergraphConfig?: string;
}

export type { ServiceName };

/** The built entry point (`dist/`) of a package; says which service is missing rather than failing later. */
function entryOf(packageName: string): string {
  try {
    return require.resolve(packageName);
  } catch (error) {
    throw new Error(`Cannot start ${packageName}: it is not installed or not built (npm install, then npx turbo run build).`, {
      cause: error,
    });
  }
}

/**
 * Starts the built services (`dist/`) as child processes on free ports: each
 * subgraph of supergraph.yaml on its own empty database, so they migrate and
 * seed on boot, and the gateway in front of them.
 */
export async function startGraph(options: StartGraphOptions): Promise<TestGraph> {
  const subgraphs = graphSubgraphs(options.supergraphConfig);
  const entries: Record<string, string> = { gateway: entryOf('@nlai/gateway') };
  for (const subgraph of subgraphs) entries[subgraph.key] = entryOf(subgraph.packageName);
  const names = Object.keys(entries);

  const databases: Record<string, TestDatabase> = {};
  const proxies: Record<string, SubgraphProxy> | undefined = options.proxied ? {} : undefined;
  const ports: Record<string, number> = { gateway: await freePort() };
  const environments: Record<string, Record<string, string | undefined>> = {
    gateway: { GATEWAY_PORT: String(ports.gateway) },
  };
  const dropDatabases = () => Promise.all(Object.values(databases).map((database) => database.drop()));
  try {
    for (const { key, name, environmentPrefix: prefix } of subgraphs) {
      const database = await createTestDatabase(options.dialect, name, options.mysqlServer);
      databases[key] = database;
      const port = await freePort();
      ports[key] = port;
      environments[key] = {
        [`${prefix}_PORT`]: String(port),
        [`${prefix}_DATABASE_URL`]: database.url,
        [`${prefix}_SQLITE_FILE`]: database.sqliteFile,
        // For a subgraph that calls the graph (human-capital checks labs through it).
        GATEWAY_URL: `http://127.0.0.1:${ports.gateway}/graphql`,
        EXPOSE_SQL_STATEMENT_COUNT: 'true',
      };
      const proxy = proxies ? (proxies[key] = new SubgraphProxy()) : undefined;
      environments.gateway![`${prefix}_URL`] = proxy ? await proxy.start(port) : `http://127.0.0.1:${port}/graphql`;
    }
  } catch (error) {
    await Promise.all(Object.values(proxies ?? {}).map((proxy) => proxy.stop()));
    await dropDatabases();
    throw error;
  }

  const known = (name: ServiceName) => {
    if (!(name in entries)) throw new Error(`No service ${name} in the test graph; it runs ${names.join(', ')}.`);
    return name;
  };
  const start = (name: ServiceName) =>
    startProcess(name, entries[known(name)]!, ports[name]!, { ...options.env, ...environments[name], ...options.envFor?.[name] });

  const running: Record<string, ServiceProcess | undefined> = {};
  const stopService = async (name: ServiceName, signal: NodeJS.Signals = 'SIGTERM') => {
    const service = running[known(name)];
    running[name] = undefined;
    return service ? service.stop(signal) : null;
  };
  const startService = async (name: ServiceName) => {
    const service = await start(name);
    running[name] = service;
    return service;
  };
  const stopAll = async () => {
    await Promise.all(names.map((name) => stopService(name)));
    await Promise.all(Object.values(proxies ?? {}).map((proxy) => proxy.stop()));
    await dropDatabases();
  };

  // Every start settles before a failure is thrown, so no process started meanwhile outlives the test.
  const started = await Promise.allSettled(names.map(startService));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const service = (name: ServiceName) => {
    const found = running[known(name)];
    if (!found) throw new Error(`${name} is stopped; startService('${name}') first.`);
    return found;
  };
  return {
    dialect: options.dialect,
    subgraphs,
    // Getters: after a restart they give the new process.
    get researchInnovation() {
      return service('researchInnovation');
    },
    get humanCapital() {
      return service('humanCapital');
    },
    get gateway() {
      return service('gateway');
    },
    service,
    databases: databases as PerSubgraph<TestDatabase>,
    proxies: proxies as PerSubgraph<SubgraphProxy> | undefined,
    async restart(name) {
      await stopService(name);
      return startService(name);
    },
    stopService,
    startService,
    stop: stopAll,
  };
}

import { createTestDatabase, type TestDatabase, type TestDialect } from './databases';
import { freePort, startProcess, type ServiceProcess } from './processes';
import { SubgraphProxy } from './subgraph-proxy';

type ServiceName = 'researchInnovation' | 'humanCapital' | 'gateway';

/** The whole graph as real processes: both subgraphs on throwaway databases, and the gateway. */
export interface TestGraph {
  dialect: TestDialect;
  researchInnovation: ServiceProcess;
  humanCapital: ServiceProcess;
  gateway: ServiceProcess;
  databases: { researchInnovation: TestDatabase; humanCapital: TestDatabase };
  /** With `proxied`: the proxies between the gateway and each subgraph. */
  proxies: { researchInnovation: SubgraphProxy; humanCapital: SubgraphProxy } | undefined;
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
}

export type { ServiceName };

const entries: Record<ServiceName, string> = {
  researchInnovation: '@nlai/research-innovation',
  humanCapital: '@nlai/human-capital',
  gateway: '@nlai/gateway',
};

/**
 * Starts the built services (`dist/`) as child processes on free ports, each
 * subgraph on its own empty database, so they migrate and seed on boot.
 */
export async function startGraph(options: StartGraphOptions): Promise<TestGraph> {
  const databases = {
    researchInnovation: await createTestDatabase(options.dialect, 'ri', options.mysqlServer),
    humanCapital: await createTestDatabase(options.dialect, 'hc', options.mysqlServer),
  };
  const ports = { researchInnovation: await freePort(), humanCapital: await freePort(), gateway: await freePort() };
  const proxies = options.proxied ? { researchInnovation: new SubgraphProxy(), humanCapital: new SubgraphProxy() } : undefined;
  const researchInnovationUrl = proxies
    ? await proxies.researchInnovation.start(ports.researchInnovation)
    : `http://127.0.0.1:${ports.researchInnovation}/graphql`;
  const humanCapitalUrl = proxies ? await proxies.humanCapital.start(ports.humanCapital) : `http://127.0.0.1:${ports.humanCapital}/graphql`;
  const environments: Record<ServiceName, Record<string, string | undefined>> = {
    researchInnovation: {
      RESEARCH_INNOVATION_PORT: String(ports.researchInnovation),
      RESEARCH_INNOVATION_DATABASE_URL: databases.researchInnovation.url,
      RESEARCH_INNOVATION_SQLITE_FILE: databases.researchInnovation.sqliteFile,
      EXPOSE_SQL_STATEMENT_COUNT: 'true',
    },
    humanCapital: {
      HUMAN_CAPITAL_PORT: String(ports.humanCapital),
      HUMAN_CAPITAL_DATABASE_URL: databases.humanCapital.url,
      HUMAN_CAPITAL_SQLITE_FILE: databases.humanCapital.sqliteFile,
      GATEWAY_URL: `http://127.0.0.1:${ports.gateway}/graphql`,
      EXPOSE_SQL_STATEMENT_COUNT: 'true',
    },
    gateway: {
      GATEWAY_PORT: String(ports.gateway),
      RESEARCH_INNOVATION_URL: researchInnovationUrl,
      HUMAN_CAPITAL_URL: humanCapitalUrl,
    },
  };
  const start = (name: ServiceName) =>
    startProcess(name, require.resolve(entries[name]), ports[name], { ...options.env, ...environments[name], ...options.envFor?.[name] });

  const running = {} as Record<ServiceName, ServiceProcess | undefined>;
  const stopService = async (name: ServiceName, signal: NodeJS.Signals = 'SIGTERM') => {
    const service = running[name];
    running[name] = undefined;
    return service ? service.stop(signal) : null;
  };
  const startService = async (name: ServiceName) => {
    const service = await start(name);
    running[name] = service;
    return service;
  };
  const stopAll = async () => {
    await Promise.all((Object.keys(entries) as ServiceName[]).map((name) => stopService(name)));
    await Promise.all(Object.values(proxies ?? {}).map((proxy) => proxy.stop()));
    await Promise.all(Object.values(databases).map((database) => database.drop()));
  };

  try {
    await Promise.all((Object.keys(entries) as ServiceName[]).map(startService));
  } catch (error) {
    await stopAll();
    throw error;
  }
  const graph: TestGraph = {
    dialect: options.dialect,
    get researchInnovation() {
      return running.researchInnovation!;
    },
    get humanCapital() {
      return running.humanCapital!;
    },
    get gateway() {
      return running.gateway!;
    },
    databases,
    proxies,
    async restart(name) {
      await stopService(name);
      return startService(name);
    },
    stopService,
    startService,
    stop: stopAll,
  };
  return graph;
}

import { createTestDatabase, freePort, startProcess, useSubgraph, type TestDatabase, type TestDialect } from '@nlai/testing';
import type { RunningSubgraph } from '@nlai/subgraph-kit';
import { humanCapital } from '../src/subgraph';

/** The subgraph as tests hold it; `close()` also disconnects its database and stops its background work. */
export type HumanCapitalServer = RunningSubgraph;

/** A URL nothing answers on (port 9, discard): for suites that check no reference, and for an outage. */
export const nowhere = 'http://127.0.0.1:9/graphql';

/**
 * Starts the subgraph inside the test process on `database`, on a free port,
 * unsigned (no subgraph secret), seeded with the sample people. The one place
 * tests start it: change the factory here only. `referencesUrl` is where it
 * checks labs and organisations (GATEWAY_URL).
 */
export function startHumanCapital(
  database: TestDatabase,
  referencesUrl = nowhere,
  env: Record<string, string> = {},
): Promise<HumanCapitalServer> {
  return humanCapital.start(
    humanCapital.configFrom({
      HUMAN_CAPITAL_PORT: '0',
      HUMAN_CAPITAL_DATABASE_URL: database.url,
      HUMAN_CAPITAL_SQLITE_FILE: database.sqliteFile,
      GATEWAY_URL: referencesUrl,
      // Only the release made at start-up: a scheduled one during a test would change the public figures under it.
      FIGURE_RELEASE_TIMES: 'off',
      EXPOSE_SQL_STATEMENT_COUNT: 'true',
      LOG_LEVEL: 'silent',
      ...env,
    }),
  );
}

/** The Research & Innovation subgraph as Human Capital's tests hold it. */
export interface ResearchInnovationServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the Research & Innovation subgraph on `database` as its own process,
 * as it is deployed: a service never imports another's code, so its built
 * package is run (a devDependency, as for the gateway's tests), not imported.
 */
async function startResearchInnovation(database: TestDatabase): Promise<ResearchInnovationServer> {
  const port = await freePort();
  const service = await startProcess('research-innovation', require.resolve('@nlai/research-innovation'), port, {
    RESEARCH_INNOVATION_PORT: String(port),
    RESEARCH_INNOVATION_DATABASE_URL: database.url,
    RESEARCH_INNOVATION_SQLITE_FILE: database.sqliteFile,
  });
  return {
    url: service.url,
    async close() {
      await service.stop();
    },
  };
}

/** Both subgraphs of a describe block, and the Human Capital database (for tests that start a second instance on it). */
export interface Subgraphs {
  humanCapital: HumanCapitalServer;
  researchInnovation: ResearchInnovationServer;
  database: TestDatabase;
}

/**
 * Human Capital with the Research & Innovation subgraph it checks references
 * against, both in this process, each on a database of its own. The client
 * of Human Capital asks `lab(id:)` and `organisation(id:)`, root fields of
 * Research & Innovation alone, so its GATEWAY_URL points at that subgraph
 * directly: no gateway is needed to check a reference.
 */
export function useSubgraphs(dialect: TestDialect, label: string): () => Subgraphs {
  let started: Partial<Subgraphs> & { labsDatabase?: TestDatabase } = {};
  beforeAll(async () => {
    started.labsDatabase = await createTestDatabase(dialect, `${label}-ri`);
    started.researchInnovation = await startResearchInnovation(started.labsDatabase);
    started.database = await createTestDatabase(dialect, label);
    started.humanCapital = await startHumanCapital(started.database, started.researchInnovation.url);
  });
  afterAll(async () => {
    await started.humanCapital?.close();
    await started.researchInnovation?.close();
    await started.database?.drop();
    await started.labsDatabase?.drop();
    started = {};
  });
  return () => {
    const { humanCapital, researchInnovation, database } = started;
    if (!humanCapital || !researchInnovation || !database) throw new Error('the subgraphs did not start');
    return { humanCapital, researchInnovation, database };
  };
}

/** Human Capital alone, for suites that only read: no reference is checked, so no Research & Innovation is started. */
export function useHumanCapital(dialect: TestDialect, label: string, env: Record<string, string> = {}): () => HumanCapitalServer {
  return useSubgraph(dialect, label, (database) => startHumanCapital(database, nowhere, env));
}

import { useSubgraph, type TestDatabase, type TestDialect } from '@nlai/testing';
import type { RunningSubgraph } from '@nlai/subgraph-kit';
import { researchInnovation } from '../src/subgraph';

/** The subgraph as tests hold it; `close()` also disconnects its database. */
export type ResearchInnovationServer = RunningSubgraph;

/**
 * Starts the subgraph inside the test process on `database`, on a free port,
 * unsigned (no subgraph secret), seeded with the sample network. The one
 * place tests start it: change the factory here only.
 */
export function startResearchInnovation(database: TestDatabase, env: Record<string, string> = {}): Promise<ResearchInnovationServer> {
  return researchInnovation.start(
    researchInnovation.configFrom({
      RESEARCH_INNOVATION_PORT: '0',
      RESEARCH_INNOVATION_DATABASE_URL: database.url,
      RESEARCH_INNOVATION_SQLITE_FILE: database.sqliteFile,
      EXPOSE_SQL_STATEMENT_COUNT: 'true',
      LOG_LEVEL: 'silent',
      ...env,
    }),
  );
}

/**
 * The subgraph on a database of its own for one describe block: started
 * before its tests, stopped and its database dropped after them. The getter
 * is valid inside tests.
 */
export function useResearchInnovation(dialect: TestDialect, label: string): () => ResearchInnovationServer {
  return useSubgraph(dialect, label, startResearchInnovation);
}

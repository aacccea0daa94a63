import { readFileSync } from 'node:fs';
import path from 'node:path';
// The module itself, not the package's index: the index loads the composition libraries, which no test needs here.
import { supergraphConfigPath } from '@nlai/schema/dist/paths';
import { parseSupergraphConfig } from '@nlai/schema/dist/supergraph-config';

/** One subgraph the harness runs, as schema/supergraph.yaml lists it. */
export interface GraphSubgraph {
  /** Its name in supergraph.yaml, e.g. `research-innovation`. */
  name: string;
  /** The camelCase key of its process, database and proxy on the test graph, e.g. `researchInnovation`. */
  key: string;
  /** The prefix of its environment variables, e.g. `RESEARCH_INNOVATION` (…_PORT, …_DATABASE_URL, …_SQLITE_FILE, …_SUBGRAPH_SECRET, and the gateway's …_URL). */
  environmentPrefix: string;
  /** Its npm package, in services/<name>: `@nlai/<name>`. */
  packageName: string;
}

const camelCase = (name: string) => name.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());

/**
 * The subgraphs of a supergraph config (default: schema/supergraph.yaml), in
 * its order: a subgraph added there (`npm run subgraph:new`) is started by
 * the harness with no change to it.
 */
export function graphSubgraphs(configPath: string = supergraphConfigPath): GraphSubgraph[] {
  return parseSupergraphConfig(readFileSync(configPath, 'utf8'), path.dirname(configPath)).map(({ name }) => ({
    name,
    key: camelCase(name),
    environmentPrefix: name.toUpperCase().replace(/-/g, '_'),
    packageName: `@nlai/${name}`,
  }));
}

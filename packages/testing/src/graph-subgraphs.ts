import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSupergraphConfig } from '@nlai/subgraph-sdl';

/** The repository's composition config, from this package's place in it (src/ and dist/ alike). */
const supergraphConfigPath = path.resolve(__dirname, '../../../schema/supergraph.yaml');

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

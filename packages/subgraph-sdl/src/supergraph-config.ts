import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/** One subgraph as listed in supergraph.yaml. */
export interface SubgraphSource {
  name: string;
  /** Where the gateway sends this subgraph's share of a query. */
  routingUrl: string;
  /** Absolute path of the subgraph's SDL file. */
  schemaFile: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses a rover-style supergraph config (`subgraphs.<name>.routing_url` and
 * `subgraphs.<name>.schema.file`), resolving schema files against `baseDir`.
 * Throws one error listing every problem at once.
 */
export function parseSupergraphConfig(yamlText: string, baseDir: string): SubgraphSource[] {
  const document: unknown = parseYaml(yamlText);
  const subgraphs = isRecord(document) ? document.subgraphs : undefined;
  if (!isRecord(subgraphs) || Object.keys(subgraphs).length === 0) {
    throw new Error('The supergraph config must have a `subgraphs` map with at least one subgraph.');
  }
  const problems: string[] = [];
  const sources: SubgraphSource[] = [];
  for (const [name, entry] of Object.entries(subgraphs)) {
    const routingUrl = isRecord(entry) ? entry.routing_url : undefined;
    const schema = isRecord(entry) ? entry.schema : undefined;
    const file = isRecord(schema) ? schema.file : undefined;
    if (typeof routingUrl !== 'string' || routingUrl === '') problems.push(`subgraphs.${name}.routing_url must be a URL.`);
    // Rover also knows schema.subgraph_url and schema.graphref; we compose from committed files only.
    if (typeof file !== 'string' || file === '')
      problems.push(`subgraphs.${name}.schema.file must be the path of the subgraph's SDL file.`);
    if (typeof routingUrl === 'string' && typeof file === 'string')
      sources.push({ name, routingUrl, schemaFile: path.resolve(baseDir, file) });
  }
  if (problems.length) throw new Error(`The supergraph config is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  return sources;
}

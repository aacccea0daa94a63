import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadSubgraphSdl, parseSupergraphConfig } from '@nlai/subgraph-sdl';
import type { SubgraphDefinition } from './compose-supergraph';

export { parseSupergraphConfig } from '@nlai/subgraph-sdl';
export type { SubgraphSource } from '@nlai/subgraph-sdl';

/** Reads supergraph.yaml and the SDL file of every subgraph it lists. */
export function loadSubgraphs(configPath: string): SubgraphDefinition[] {
  const sources = parseSupergraphConfig(readFileSync(configPath, 'utf8'), path.dirname(configPath));
  return sources.map((source) => ({ name: source.name, routingUrl: source.routingUrl, sdl: loadSubgraphSdl(source.schemaFile) }));
}

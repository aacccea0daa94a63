export { loadSubgraphSdl } from './load-subgraph-sdl';
export { parseSupergraphConfig } from './supergraph-config';
export type { SubgraphSource } from './supergraph-config';

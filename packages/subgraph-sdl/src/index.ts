export { loadSubgraphSdl } from './load-subgraph-sdl';

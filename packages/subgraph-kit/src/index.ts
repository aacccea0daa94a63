export { startSubgraph } from './start-subgraph';
export type { StartSubgraphOptions, BaseContext, RunningSubgraph } from './start-subgraph';

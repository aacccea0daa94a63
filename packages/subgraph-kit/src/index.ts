export { startSubgraph } from './start-subgraph';
export type { StartSubgraphOptions, BaseContext, RunningSubgraph } from './start-subgraph';
export { MutationPipeline } from './mutation-pipeline';
export type { LocalMutationSteps, MutationCall, RemoteMutationSteps } from './mutation-pipeline';

export { defineSubgraph } from './define-subgraph';
export type { Subgraph, SubgraphContext, SubgraphDefinition } from './define-subgraph';
export { runSubgraph } from './subgraph-cli';
export { loadSubgraphSdl } from './subgraph-sdl';
export { environmentPrefix, subgraphConfigFrom } from './subgraph-config';
export type { OwnConfig, SubgraphConfig } from './subgraph-config';
export { startSubgraph } from './start-subgraph';
export type { StartSubgraphOptions, BaseContext, RunningSubgraph } from './start-subgraph';
export { injectTraceHeaders } from '@nlai/telemetry';

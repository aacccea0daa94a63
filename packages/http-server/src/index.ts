export { serveGraphQL } from './serve-graphql';
export type { AdmittedRequest, ServeGraphQLOptions, RunningServer, RequestInfo } from './serve-graphql';
export { startSubgraph } from './start-subgraph';
export type { StartSubgraphOptions, BaseContext, RunningSubgraph } from './start-subgraph';
export { runUntilSignalled } from './run-until-signalled';
export { createLogger } from './logger';
export type { Logger } from './logger';
export { boot } from './boot';
export { httpEnvironment, httpTimeoutsFrom } from './http-environment';

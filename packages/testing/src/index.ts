export { testDialects, createTestDatabase } from './databases';
export type { TestDialect, TestDatabase } from './databases';
export { freePort, runToExit, startProcess, waitUntilReady } from './processes';
export { SubgraphProxy } from './subgraph-proxy';
export type { ServiceProcess } from './processes';
export { startGraph } from './graph';
export type { TestGraph, StartGraphOptions, ServiceName } from './graph';
export { graphql, tokenWith } from './graphql-client';
export type { GraphQLResult } from './graphql-client';

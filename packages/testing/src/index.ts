export { testDialects, createTestDatabase } from './databases';
export type { TestDialect, TestDatabase } from './databases';
export { freePort, startProcess, waitUntilReady } from './processes';
export type { ServiceProcess } from './processes';
export { startGraph } from './graph';
export type { TestGraph, StartGraphOptions } from './graph';
export { graphql, tokenWith } from './graphql-client';
export type { GraphQLResult } from './graphql-client';

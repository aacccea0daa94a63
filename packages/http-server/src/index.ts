export { serveGraphQL } from './serve-graphql';
export type { AdmittedRequest, AroundRequest, ServeGraphQLOptions, RunningServer, RequestInfo } from './serve-graphql';
export { runUntilSignalled } from './run-until-signalled';
export { createLogger } from './logger';
export type { Logger } from './logger';
export { boot } from './boot';
export { useErrorLog } from './error-log';
export { httpEnvironment, httpTimeoutsFrom } from './http-environment';

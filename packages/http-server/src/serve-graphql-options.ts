import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer, BaseContext } from '@apollo/server';
import type { MistakeCode } from '@nlai/errors';
import type { Logger } from './logger';
import type { RequestObserver } from './request-record';

/** Where GraphQL is served. */
export const graphqlPath = '/graphql';

/** What a service's context factory receives for each request. */
export interface RequestInfo {
  /** Given by the caller in `x-request-id` (when sane) or made here; logged with every error. */
  requestId: string;
  headers: IncomingMessage['headers'];
}

/** Options of {@link serveGraphQL}. */
export interface ServeGraphQLOptions<Context extends BaseContext> {
  /** A started Apollo Server. */
  apollo: ApolloServer<Context>;
  /** Builds the per-request context; may throw a GraphQLError (e.g. UNAUTHENTICATED). */
  context: (request: RequestInfo) => Promise<Context> | Context;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to listen on. Default: 127.0.0.1. */
  host?: string;
  /** Largest request body accepted, in bytes; larger gets 413. Default: 1 MB. */
  bodyLimitBytes?: number;
  /** Answers /ready: true when the service's dependencies answer. */
  isReady: () => Promise<boolean>;
  /**
   * Runs around the execution of each GraphQL request, e.g. to count its SQL
   * statements in an AsyncLocalStorage scope; may add response headers
   * (`setHeader`) before the answer goes out. Default: none.
   */
  aroundRequest?: AroundRequest;
  /**
   * Decides whether a caller may use /graphql at all, from the raw request
   * (a subgraph: "is it signed by my gateway?"). Refused callers get 401.
   * Default: everyone may.
   */
  verifyCaller?: (request: { method: string; headers: IncomingMessage['headers']; body: string }) => boolean | Promise<boolean>;
  /**
   * Admits, rewrites or refuses a GraphQL request before Apollo sees it
   * (safelisting): gets the parsed POST body, or the GET search string.
   * Default: every request as it is.
   */
  admitRequest?: (request: { method: string; body: unknown; search: string }) => AdmittedRequest;
  /**
   * Rate limiting: asked first for each request to the GraphQL path, before
   * its body is read; a request it limits gets 429 RATE_LIMITED with
   * `Retry-After`. Default: no limit.
   */
  limitRequest?: (request: IncomingMessage) => Promise<RequestLimited | undefined>;
  /** Added to /ready's body (200 and 503), e.g. which version of its schema the service serves. */
  readyDetails?: () => Record<string, string>;
  /**
   * Watch each request to the GraphQL path (traces, metrics), in order, the
   * first outermost; serveGraphQL adds the request log before them. Apollo
   * must have useRequestRecord among its plugins for them to learn the
   * operation name and error codes. Default: none.
   */
  observers?: RequestObserver[];
  /** Origins allowed to call from a browser, e.g. ['https://app.nlai.example']; ['*'] for any. Default: none. */
  corsOrigins?: readonly string[];
  /** More GET routes, by exact path (e.g. a query explorer). */
  routes?: Record<string, (request: IncomingMessage, response: ServerResponse) => void | Promise<void>>;
  /**
   * A page (one of `routes`, e.g. `/explorer`) that a person opening the
   * server in a browser is sent to with a 302: `GET /`, and `GET` of the
   * GraphQL path with `Accept: text/html` and no `query` parameter.
   * Default: none; those requests get the usual 404 and GraphQL answers.
   */
  browserHome?: string;
  /**
   * How long a client may take to send a whole request (headers and body),
   * in ms; a slower one gets 408 and its connection closed, so a client that
   * trickles bytes cannot hold a socket open. Default: 30000 (Node: 300000).
   */
  requestTimeoutMs?: number;
  /** How long a client may take to send the request headers, in ms. Default: 10000. */
  headersTimeoutMs?: number;
  /** How long in-flight requests may take to finish on close, in ms. Default: 10000. */
  shutdownGraceMs?: number;
  logger: Logger;
}

/** The hook of {@link ServeGraphQLOptions.aroundRequest}: must call `run` once and return its result. */
export type AroundRequest = <T>(
  request: { requestId: string; setHeader: (name: string, value: string) => void },
  run: () => Promise<T>,
) => Promise<T>;

/** A request {@link ServeGraphQLOptions.limitRequest} refuses: when the caller may try again, and why. */
export interface RequestLimited {
  retryAfterSeconds: number;
  message: string;
}

/** What {@link ServeGraphQLOptions.admitRequest} decides. */
/** A refused request is answered with its code's status from the error catalogue. */
export type AdmittedRequest = { body: unknown; search: string } | { refused: { code: MistakeCode; message: string } };

/** A running server. */
export interface RunningServer {
  /** e.g. http://127.0.0.1:4001/graphql */
  url: string;
  /** The page of {@link ServeGraphQLOptions.browserHome} as a full URL, e.g. http://127.0.0.1:4000/explorer; none without one. */
  browserUrl?: string;
  port: number;
  /** The port /metrics is served on when it has one of its own (set by the service, not by serveGraphQL). */
  metricsPort?: number;
  /** Stops accepting, lets in-flight requests finish, then stops Apollo. */
  close(): Promise<void>;
}

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { clientCodeOf } from '@nlai/errors';
import { GraphQLError } from 'graphql';
import type { Logger } from './logger';

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
export type AroundRequest = <T>(request: { requestId: string; setHeader: (name: string, value: string) => void }, run: () => Promise<T>) => Promise<T>;

/** What {@link ServeGraphQLOptions.admitRequest} decides. */
export type AdmittedRequest = { body: unknown; search: string } | { refused: { status: number; code: string; message: string } };

/** A running server. */
export interface RunningServer {
  /** e.g. http://127.0.0.1:4001/graphql */
  url: string;
  /** The page of {@link ServeGraphQLOptions.browserHome} as a full URL, e.g. http://127.0.0.1:4000/explorer; none without one. */
  browserUrl?: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish, then stops Apollo. */
  close(): Promise<void>;
}

const graphqlPath = '/graphql';

class BodyTooLarge extends Error {
  /** True when the connection was cut instead: nobody is left to answer. */
  constructor(readonly cut = false) {
    super('request body too large');
  }
}

// Past this, an oversized body is not even read to its end: the connection is cut.
const drainLimit = 16 * 1024 * 1024;

/**
 * Reads the body up to `limit` bytes. An oversized body is still read to its
 * end (and dropped) before the 413 goes out, so the client, still sending,
 * sees the answer rather than a reset connection.
 */
function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > drainLimit) {
      request.destroy();
      return reject(new BodyTooLarge(true));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > drainLimit) request.destroy();
      else if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => (size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    request.on('error', reject);
    request.on('close', () => size > drainLimit && reject(new BodyTooLarge(true)));
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function requestErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** The codes of a GraphQL error response, for the log. */
function codesOf(body: string): unknown[] {
  try {
    return ((JSON.parse(body) as { errors?: Array<{ extensions?: { code?: unknown } }> }).errors ?? []).map((error) => error.extensions?.code);
  } catch {
    return [];
  }
}

// Errors of a well-formed request: with the legacy application/json response
// type, GraphQL over HTTP wants them answered with 200 (Apollo uses 400).
const wellFormedRequestErrors = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/** 200 instead of 400 for a GraphQL error response in application/json, as the GraphQL-over-HTTP spec asks. */
function legacyJsonStatus(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400 || !contentType?.startsWith('application/json')) return status;
  try {
    const { errors } = JSON.parse(body) as { errors?: Array<{ extensions?: { code?: string } }> };
    const codes = errors?.map((error) => error.extensions?.code) ?? [];
    return codes.length > 0 && codes.every((code) => code !== undefined && wellFormedRequestErrors.has(code)) ? 200 : status;
  } catch {
    return status;
  }
}

/**
 * Serves GraphQL at /graphql, liveness at /health and readiness at /ready on
 * plain node:http: no framework between the socket and Apollo, so the limits
 * below are ours to set and cheap to apply.
 */
export async function serveGraphQL<Context extends BaseContext>(options: ServeGraphQLOptions<Context>): Promise<RunningServer> {
  const { apollo, logger } = options;
  const bodyLimit = options.bodyLimitBytes ?? 1024 * 1024;

  /** Answers a client's mistake; logged below error level (anyone can send them), with the request id. */
  function refuse(response: ServerResponse, requestId: string, status: number, message: string, code: string): void {
    logger.info({ requestId, status, codes: [code] }, 'refused a client mistake');
    sendJson(response, status, requestErrorBody(message, code));
  }

  async function handleGraphQL(request: IncomingMessage, response: ServerResponse, requestId: string, search: string): Promise<void> {
    let body: unknown;
    const text = request.method === 'POST' ? await readBody(request, bodyLimit) : '';
    if (options.verifyCaller && !(await options.verifyCaller({ method: request.method ?? 'GET', headers: request.headers, body: text }))) {
      // Not an ordinary mistake: only the gateway should reach this service, so an unsigned or replayed request is a security event.
      logger.warn({ requestId, status: 401, codes: ['UNAUTHENTICATED'], remoteAddress: request.socket.remoteAddress }, 'refused a request not signed by the gateway');
      return void sendJson(response, 401, requestErrorBody('This service answers only requests signed by its gateway.', 'UNAUTHENTICATED'));
    }
    if (request.method === 'POST') {
      const contentType = request.headers['content-type'] ?? '';
      if (/^application\/(graphql-response\+)?json\b/i.test(contentType) || /\+json\b/i.test(contentType.split(';')[0] ?? '')) {
        try {
          body = JSON.parse(text);
        } catch {
          return refuse(response, requestId, 400, 'The request body is not valid JSON.', 'BAD_REQUEST');
        }
      } else {
        body = text;
      }
    }
    if (options.admitRequest) {
      const admitted = options.admitRequest({ method: request.method ?? 'GET', body, search });
      if ('refused' in admitted) return refuse(response, requestId, admitted.refused.status, admitted.refused.message, admitted.refused.code);
      ({ body, search } = admitted);
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const execute = () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method?.toUpperCase() ?? 'GET', headers, search, body },
        context: async () => {
          try {
            return await options.context({ requestId, headers: request.headers });
          } catch (error) {
            // A refused token is the caller's; anything else failed here, and Apollo logs it without the request id.
            if (!(error instanceof GraphQLError && clientCodeOf(error))) logger.error({ err: error, requestId }, 'building the request context failed');
            throw error;
          }
        },
      });
    const result = options.aroundRequest
      ? await options.aroundRequest({ requestId, setHeader: (name, value) => void response.setHeader(name, value) }, execute)
      : await execute();
    for (const [name, value] of result.headers) response.setHeader(name, value);
    const status = result.status ?? 200;
    if (status >= 400 && status < 500) {
      logger.info({ requestId, status, codes: result.body.kind === 'complete' ? codesOf(result.body.string) : [] }, 'refused a client mistake');
    }
    if (result.body.kind === 'complete') {
      response.statusCode = legacyJsonStatus(result.status ?? 200, result.headers.get('content-type'), result.body.string);
      response.end(result.body.string);
      return;
    }
    response.statusCode = result.status ?? 200;
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }

  const corsOrigins = new Set(options.corsOrigins ?? []);
  /** Adds CORS headers for an allowed origin; answers a preflight itself (returns true then). */
  function applyCors(request: IncomingMessage, response: ServerResponse): boolean {
    const origin = request.headers.origin;
    const allowed = typeof origin === 'string' && (corsOrigins.has('*') || corsOrigins.has(origin));
    if (allowed) {
      response.setHeader('access-control-allow-origin', corsOrigins.has('*') ? '*' : origin);
      response.setHeader('vary', 'Origin');
    }
    if (request.method !== 'OPTIONS') return false;
    if (allowed) {
      response.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      response.setHeader('access-control-allow-headers', 'authorization, content-type, apollo-require-preflight, x-request-id, x-apollo-operation-name');
      response.setHeader('access-control-max-age', '600');
    }
    response.writeHead(allowed ? 204 : 403).end();
    return true;
  }

  /** A person in a browser at the root or at the GraphQL path, not a GraphQL client (see `browserHome`). */
  function opensInBrowser(request: IncomingMessage, url: URL): boolean {
    if (options.browserHome === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
    if (url.pathname === '/') return true;
    return url.pathname === graphqlPath && !url.searchParams.has('query') && /\btext\/html\b/.test(request.headers.accept ?? '');
  }

  // Readiness is polled every few seconds: a failure is logged when the state changes, not on every poll.
  let wasReady = true;
  async function checkReady(requestId: string): Promise<boolean> {
    let cause: unknown;
    const ready = await options.isReady().catch((error: unknown) => {
      cause = error;
      return false;
    });
    if (ready !== wasReady) {
      if (ready) logger.info({ requestId }, 'ready again');
      else logger.warn({ requestId, ...(cause === undefined ? {} : { err: cause }) }, 'not ready: a dependency does not answer; /ready answers 503 until it does');
      wasReady = ready;
    }
    return ready;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const given = request.headers['x-request-id'];
    const requestId = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    const url = new URL(request.url ?? '/', 'http://localhost');
    // Every answer names its request, so a client can quote it and we can find its log lines.
    response.setHeader('x-request-id', requestId);
    try {
      if (applyCors(request, response)) return;
      if (url.pathname === '/health') return sendJson(response, 200, { status: 'ok' });
      const route = options.routes?.[url.pathname];
      if (route && (request.method === 'GET' || request.method === 'HEAD')) return await route(request, response);
      if (opensInBrowser(request, url)) {
        response.writeHead(302, { location: options.browserHome, 'content-type': 'text/plain; charset=utf-8' });
        return void response.end(`See ${options.browserHome}\n`);
      }
      if (url.pathname === '/ready') {
        const ready = await checkReady(requestId);
        return sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
      }
      if (url.pathname !== graphqlPath) return refuse(response, requestId, 404, `Not found; GraphQL is served at ${graphqlPath}.`, 'BAD_REQUEST');
      await handleGraphQL(request, response, requestId, url.search);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        if (error.cut) return;
        return refuse(response, requestId, 413, `The request body is larger than ${bodyLimit} bytes.`, 'BAD_REQUEST');
      }
      logger.error({ err: error, requestId }, 'request failed');
      if (!response.headersSent) sendJson(response, 500, requestErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else response.end();
    }
  }

  // Responses still being worked on; on close they are told to end their connection.
  const inFlight = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout);
  const server = createServer(
    // Node checks these deadlines every connectionsCheckingInterval (default 30 s): checked often enough to matter.
    { requestTimeout, headersTimeout, connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(headersTimeout / 2))) },
    (request, response) => {
    inFlight.add(response);
    if (closing) response.shouldKeepAlive = false;
    response.on('close', () => {
      inFlight.delete(response);
      if (closing) server.closeIdleConnections();
    });
    void handle(request, response);
    },
  );
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;

  return {
    url: `http://${shownHost}:${port}${graphqlPath}`,
    ...(options.browserHome === undefined ? {} : { browserUrl: `http://${shownHost}:${port}${options.browserHome}` }),
    port,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive sockets would hold close() open: in-flight responses end theirs, idle ones go now.
        for (const response of inFlight) response.shouldKeepAlive = false;
        server.closeIdleConnections();
        // In-flight requests get this long to finish before their sockets are cut.
        const deadline = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
        await closed;
        clearTimeout(deadline);
        await apollo.stop();
      })();
      return closing;
    },
  };
}

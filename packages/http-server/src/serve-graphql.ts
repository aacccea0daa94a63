import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BaseContext } from '@apollo/server';
import { httpStatusOf } from '@nlai/errors';
import { browserRedirect } from './browser-redirect';
import { cors } from './cors';
import { graphqlHandler } from './graphql-handler';
import { healthRoutes } from './health-routes';
import { BodyTooLarge } from './request-body';
import { requestIdOf } from './request-id';
import { requestObserved } from './request-observed';
import { useRequestLog } from './request-log';
import { newRequestRecord, noteFault, type RequestRecord } from './request-record';
import { refuser } from './refuse';
import { requestErrorBody, sendJson } from './send-json';
import { graphqlPath, type RunningServer, type ServeGraphQLOptions } from './serve-graphql-options';
import { serverTimeouts } from './server-timeouts';
import { gracefulShutdown } from './shutdown';

// HTTP's own statuses for these refusals say more than the catalogue's 400 for BAD_REQUEST.
const notFound = 404;
const contentTooLarge = 413;

export type {
  AdmittedRequest,
  AroundRequest,
  RequestInfo,
  RequestLimited,
  RunningServer,
  ServeGraphQLOptions,
} from './serve-graphql-options';
export type { RequestObserver, RequestRecord } from './request-record';

/**
 * Serves GraphQL at /graphql, liveness at /health and readiness at /ready on
 * plain node:http: no framework between the socket and Apollo, so the limits
 * are ours to set and cheap to apply. Each concern lives in its own module;
 * this composes them in the order a request meets them.
 */
export async function serveGraphQL<Context extends BaseContext>(options: ServeGraphQLOptions<Context>): Promise<RunningServer> {
  const { logger } = options;
  const bodyLimit = options.bodyLimitBytes ?? 1024 * 1024;
  const refuse = refuser();
  // The request log comes first, so it is the outermost observer: its duration includes every other's work.
  const observe = requestObserved([useRequestLog(logger), ...(options.observers ?? [])]);
  const applyCors = cors(options.corsOrigins);
  const health = healthRoutes(options.isReady, logger, options.readyDetails);
  const redirectBrowser = browserRedirect(options.browserHome);
  const handleGraphQL = graphqlHandler(options, bodyLimit, refuse);

  /** Everything but the answers to /health, /ready and the extra routes: each is one request of the log, metrics and traces. */
  async function handleObserved(request: IncomingMessage, response: ServerResponse, record: RequestRecord, url: URL): Promise<void> {
    try {
      if (redirectBrowser(request, url, response)) return;
      if (url.pathname !== graphqlPath)
        return refuse(response, record, 'BAD_REQUEST', `Not found; GraphQL is served at ${graphqlPath}.`, notFound);
      await handleGraphQL(request, response, record, url.search);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        if (error.cut) return;
        return refuse(response, record, 'BAD_REQUEST', `The request body is larger than ${bodyLimit} bytes.`, contentTooLarge);
      }
      noteFault(record, { code: 'INTERNAL_SERVER_ERROR', cause: error });
      if (!response.headersSent)
        sendJson(response, httpStatusOf('INTERNAL_SERVER_ERROR'), requestErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else response.end();
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = requestIdOf(request);
    const url = new URL(request.url ?? '/', 'http://localhost');
    // Every answer names its request, so a client can quote it and we can find its log lines.
    response.setHeader('x-request-id', requestId);
    try {
      if (applyCors(request, response)) return;
      if (url.pathname === '/health') return health.health(response);
      const route = options.routes?.[url.pathname];
      if (route && (request.method === 'GET' || request.method === 'HEAD')) return await route(request, response);
      if (url.pathname === '/ready') return await health.ready(response, requestId);
    } catch (error) {
      logger.error({ err: error, requestId }, 'request failed');
      if (!response.headersSent)
        sendJson(response, httpStatusOf('INTERNAL_SERVER_ERROR'), requestErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else response.end();
      return;
    }
    await observe(newRequestRecord(requestId, request.method ?? 'GET', request.headers), response, (record) =>
      handleObserved(request, response, record, url),
    );
  }

  const server = createServer(serverTimeouts(options), (request, response) => {
    shutdown.track(response);
    void handle(request, response);
  });
  const shutdown = gracefulShutdown(server, options.shutdownGraceMs ?? 10_000, () => options.apollo.stop());
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;

  return {
    url: `http://${shownHost}:${port}${graphqlPath}`,
    ...(options.browserHome === undefined ? {} : { browserUrl: `http://${shownHost}:${port}${options.browserHome}` }),
    port,
    close: () => shutdown.close(),
  };
}

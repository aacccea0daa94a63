import { env } from '@nlai/config';

/** Environment variables for the HTTP server's deadlines; spread into a service's config schema. */
export const httpEnvironment = {
  /** How long a client may take to send a whole request, in ms; slower gets 408 and the connection closed. */
  HTTP_REQUEST_TIMEOUT_MS: env.integer(30_000, 1000, 300_000),
  /** How long a client may take to send the request headers, in ms (at most the request timeout). */
  HTTP_HEADERS_TIMEOUT_MS: env.integer(10_000, 500, 300_000),
};

/** The server deadlines from a parsed config, as serveGraphQL and startSubgraph take them. */
export function httpTimeoutsFrom(config: { HTTP_REQUEST_TIMEOUT_MS: number; HTTP_HEADERS_TIMEOUT_MS: number }) {
  return Object.freeze({
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    headersTimeoutMs: Math.min(config.HTTP_HEADERS_TIMEOUT_MS, config.HTTP_REQUEST_TIMEOUT_MS),
  });
}

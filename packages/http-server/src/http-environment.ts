import { env, z } from '@nlai/config';

/** The drain delay where SHUTDOWN_DELAY_MS is unset: production sits behind a load balancer, development does not. */
const defaultShutdownDelayMs = { production: 5000, other: 0 };

/** Environment variables for the HTTP server's deadlines; spread into a service's config schema. */
export const httpEnvironment = {
  /** How long a client may take to send a whole request, in ms; slower gets 408 and the connection closed. */
  HTTP_REQUEST_TIMEOUT_MS: env.integer(30_000, 1000, 300_000),
  /** How long a client may take to send the request headers, in ms (at most the request timeout). */
  HTTP_HEADERS_TIMEOUT_MS: env.integer(10_000, 500, 300_000),
  /**
   * On SIGTERM, how long the process keeps serving while /ready answers 503, in ms, before it stops
   * accepting: long enough for the load balancer's health checks to take it out of rotation (a bit
   * more than `fall` × `inter` of HAProxy's checks). Default: 5000 in production, 0 elsewhere.
   */
  SHUTDOWN_DELAY_MS: z.coerce
    .number({ message: 'expected a whole number of ms from 0 to 120000' })
    .int('expected a whole number of ms from 0 to 120000')
    .min(0, 'expected a whole number of ms from 0 to 120000')
    .max(120_000, 'expected a whole number of ms from 0 to 120000')
    .optional(),
};

/** The server deadlines (and the drain delay) from a parsed config, as serveGraphQL and startSubgraph take them. */
export function httpTimeoutsFrom(config: {
  HTTP_REQUEST_TIMEOUT_MS: number;
  HTTP_HEADERS_TIMEOUT_MS: number;
  SHUTDOWN_DELAY_MS?: number | undefined;
  NODE_ENV?: string;
}) {
  return Object.freeze({
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    headersTimeoutMs: Math.min(config.HTTP_HEADERS_TIMEOUT_MS, config.HTTP_REQUEST_TIMEOUT_MS),
    shutdownDelayMs:
      config.SHUTDOWN_DELAY_MS ?? (config.NODE_ENV === 'production' ? defaultShutdownDelayMs.production : defaultShutdownDelayMs.other),
  });
}

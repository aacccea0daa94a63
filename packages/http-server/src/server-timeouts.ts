import type { ServerOptions } from 'node:http';

/**
 * The deadlines of node:http for a whole request and for its headers (a slower
 * client gets 408 and its connection closed, so one that trickles bytes
 * cannot hold a socket open). Defaults: 30 s and 10 s (Node: 300 s and 60 s).
 */
export function serverTimeouts(options: {
  requestTimeoutMs?: number | undefined;
  headersTimeoutMs?: number | undefined;
}): Pick<ServerOptions, 'requestTimeout' | 'headersTimeout' | 'connectionsCheckingInterval'> {
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout);
  // Node checks these deadlines every connectionsCheckingInterval (default 30 s): checked often enough to matter.
  return { requestTimeout, headersTimeout, connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(headersTimeout / 2))) };
}

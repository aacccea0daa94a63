import { gatewaySignatureHeader, signGatewayRequest } from '@nlai/auth';
import { Agent, fetch } from 'undici';

/** Options of {@link subgraphFetcher}. */
export interface SubgraphFetcherOptions {
  /** The subgraph's secret: each request body is signed with it. Unset in development. */
  secret?: string | undefined;
  /** A request not answered within this many ms is aborted. */
  timeoutMs: number;
  /** The connection pool to the subgraph: keep-alive sockets, at most `connections` of them. */
  agent: Agent;
}

/** A keep-alive pool per subgraph, capped so a burst cannot open unbounded sockets. */
export function subgraphAgent(maxSockets: number): Agent {
  // autoSelectFamily: `localhost` may resolve to ::1 first while a subgraph listens on 127.0.0.1.
  return new Agent({ connections: maxSockets, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000, pipelining: 1, connect: { autoSelectFamily: true } });
}

/**
 * The fetch the gateway uses for one subgraph: signs the exact body it sends,
 * reuses sockets, and gives up after the timeout (the socket of an aborted
 * request is closed, not leaked).
 */
export function subgraphFetcher(options: SubgraphFetcherOptions) {
  return (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => {
    const body = init?.body ?? '';
    const headers = { ...init?.headers };
    if (options.secret) headers[gatewaySignatureHeader] = signGatewayRequest(options.secret, body);
    return fetch(url, { method: init?.method ?? 'POST', headers, body, dispatcher: options.agent, signal: AbortSignal.timeout(options.timeoutMs) });
  };
}

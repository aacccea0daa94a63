import { gatewaySignatureHeader, signGatewayRequest } from '@nlai/auth';
import { Agent, fetch, Response } from 'undici';

/** Options of {@link subgraphFetcher}. */
export interface SubgraphFetcherOptions {
  /** The subgraph's secret: each request body is signed with it. Unset in development. */
  secret?: string | undefined;
  /** A request not answered within this many ms is aborted. */
  timeoutMs: number;
  /** The connection pool to the subgraph: keep-alive sockets, at most `connections` of them. */
  agent: Agent;
  /** Identical queries in flight at the same time share one subgraph request. */
  deduplicate: boolean;
}

/** A keep-alive pool per subgraph, capped so a burst cannot open unbounded sockets. */
export function subgraphAgent(maxSockets: number): Agent {
  // autoSelectFamily: `localhost` may resolve to ::1 first while a subgraph listens on 127.0.0.1.
  return new Agent({ connections: maxSockets, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000, pipelining: 1, connect: { autoSelectFamily: true } });
}

type FetchInit = { method?: string; headers?: Record<string, string>; body?: string };

/** A subgraph answer read to its end, so that every caller waiting for it can get its own copy. */
interface SharedAnswer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

// The gateway sends {"query":"…",…} with the query first; a fetch of a query
// plan is `{…}` or `query …`, a mutation starts with `mutation`. Only what is
// certainly a read is ever shared.
const isRead = (body: string) => body.startsWith('{"query":"{') || body.startsWith('{"query":"query');

/**
 * The fetch the gateway uses for one subgraph: signs the exact body it sends,
 * reuses sockets, and gives up after the timeout (the socket of an aborted
 * request is closed, not leaked).
 *
 * With `deduplicate`, identical reads in flight at the same moment (same
 * subgraph, same body, same Authorization header) share one request, as
 * Apollo Router's and Hive Gateway's deduplication do: a popular page opened
 * by many people costs the subgraph one query. Different tokens never share,
 * so a subgraph still decides per caller; mutations are never shared.
 */
export function subgraphFetcher(options: SubgraphFetcherOptions) {
  const send = (url: string, init: FetchInit | undefined) => {
    const body = init?.body ?? '';
    const headers = { ...init?.headers };
    if (options.secret) headers[gatewaySignatureHeader] = signGatewayRequest(options.secret, body);
    return fetch(url, { method: init?.method ?? 'POST', headers, body, dispatcher: options.agent, signal: AbortSignal.timeout(options.timeoutMs) });
  };
  if (!options.deduplicate) return send;

  const inFlight = new Map<string, Promise<SharedAnswer>>();
  return async (url: string, init?: FetchInit) => {
    const body = init?.body ?? '';
    if ((init?.method ?? 'POST') !== 'POST' || !isRead(body)) return send(url, init);
    const key = `${url}\n${init?.headers?.authorization ?? init?.headers?.Authorization ?? ''}\n${body}`;
    let answer = inFlight.get(key);
    if (!answer) {
      answer = send(url, init)
        .then(async (response) => ({ status: response.status, statusText: response.statusText, headers: [...response.headers], body: await response.text() }))
        .finally(() => inFlight.delete(key));
      inFlight.set(key, answer);
    }
    const { status, statusText, headers, body: text } = await answer;
    return new Response(text, { status, statusText, headers });
  };
}

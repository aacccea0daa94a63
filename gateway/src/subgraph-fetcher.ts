import { AsyncLocalStorage } from 'node:async_hooks';
import { gatewaySignatureHeader, signGatewayRequest } from '@nlai/auth';
import { Agent, request } from 'undici';

/** Options of {@link subgraphFetcher}. */
export interface SubgraphFetcherOptions {
  /** The subgraph's name in the supergraph: each signature holds for it only. */
  subgraph: string;
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
  return new Agent({
    connections: maxSockets,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
    pipelining: 1,
    connect: { autoSelectFamily: true },
  });
}

type FetchInit = { method?: string; headers?: Record<string, string>; body?: string };

/** A subgraph answer read to its end: what RemoteGraphQLDataSource reads of a fetch Response, nothing more. */
interface SubgraphAnswer {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** The part of the Fetch API's Response that @apollo/gateway's data source uses. */
function asResponse(url: string, answer: SubgraphAnswer) {
  return {
    url,
    status: answer.status,
    statusText: '',
    ok: answer.status >= 200 && answer.status < 300,
    headers: {
      get: (name: string) => answer.headers.get(name.toLowerCase()) ?? null,
      has: (name: string) => answer.headers.has(name.toLowerCase()),
    },
    text: async () => answer.body,
    json: async () => JSON.parse(answer.body) as unknown,
  };
}

/**
 * Whether the fetches made in the current async context may share a
 * subgraph request: state of one subgraph fetch, not a header, so nothing
 * the gateway invents travels on the wire. (Apollo's data source builds the
 * fetch's init object itself, so there is no object of ours to key a
 * WeakMap on between the data source and this fetcher.)
 */
const shareableReads = new AsyncLocalStorage<true>();

/**
 * Runs `fetch` (a data source's fetch for a query operation) with its
 * subgraph requests allowed to share an identical one in flight. Never for a
 * mutation's fetches: the reads that follow its writes must see them.
 */
export function sharingIdenticalReads<T>(fetch: () => Promise<T>): Promise<T> {
  return shareableReads.run(true, fetch);
}

/**
 * The fetch the gateway uses for one subgraph: signs the subgraph's name and the exact body and Authorization it sends,
 * reuses sockets, and gives up after the timeout (the socket of an aborted
 * request is closed, not leaked). It uses undici's request(), not fetch():
 * the body goes out as one buffer instead of a web stream, which profiling
 * showed to cost a third of the gateway's time on a deep read.
 *
 * With `deduplicate`, identical reads in flight at the same moment (same
 * subgraph, body and Authorization header) share one request, as Apollo
 * Router's and Hive Gateway's deduplication do: a popular page opened by
 * many people costs the subgraph one query. Different tokens never share,
 * so a subgraph still decides per caller; only fetches run in
 * {@link sharingIdenticalReads} (a query's) are shared, never a mutation's.
 * A caller that joins a request in flight shares its deadline too.
 */
export function subgraphFetcher(options: SubgraphFetcherOptions) {
  const send = async (url: string, init: FetchInit | undefined, headers: Record<string, string>): Promise<SubgraphAnswer> => {
    const body = init?.body ?? '';
    // Signed here, per request sent: a retry or a shared read still gets a nonce of its own.
    if (options.secret)
      headers[gatewaySignatureHeader] = signGatewayRequest(options.secret, {
        subgraph: options.subgraph,
        body,
        authorization: headers.authorization,
      });
    const response = await request(url, {
      method: (init?.method ?? 'POST') as 'POST',
      headers,
      body,
      dispatcher: options.agent,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const answerHeaders = new Map<string, string>();
    for (const [name, value] of Object.entries(response.headers))
      if (value !== undefined) answerHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
    return { status: response.statusCode, headers: answerHeaders, body: await response.body.text() };
  };

  const inFlight = new Map<string, Promise<SubgraphAnswer>>();
  return async (url: string, init?: FetchInit) => {
    const headers = { ...init?.headers };
    if (!options.deduplicate || !shareableReads.getStore()) return asResponse(url, await send(url, init, headers));
    const key = `${url}\n${headers.authorization ?? ''}\n${init?.body ?? ''}`;
    let answer = inFlight.get(key);
    if (!answer) {
      answer = send(url, init, headers).finally(() => inFlight.delete(key));
      inFlight.set(key, answer);
    }
    return asResponse(url, await answer);
  };
}

import { resolve } from 'node:path';
import { QueryError } from './query-error';

/** Where operations go when nothing says otherwise: the gateway of `npm start` on its default port. */
export const defaultGraphUrl = 'http://localhost:4000/graphql';

/** What the query CLI takes from its environment, read once at start. */
export interface QueryConfig {
  /**
   * The gateway's GraphQL endpoint: GRAPH_URL, else GATEWAY_URL, else
   * http://localhost:${GATEWAY_PORT}/graphql (GATEWAY_PORT default 4000), so the
   * tool reaches the same gateway as the rest of the stack; --url wins over all.
   */
  graphUrl: string;
  /** GRAPH_TOKEN: a bearer token to send. Default none; --token wins over it. */
  graphToken: string | undefined;
  /**
   * The directory relative file names are resolved against. `npm run` moves to
   * the repository root, so under `npm run query` it is the directory npm was
   * started in (INIT_CWD); otherwise the current directory.
   */
  workingDirectory: string;
}

type Environment = Record<string, string | undefined>;

/** Checks that a gateway address is an http(s) URL; `source` names where it came from (--url, GRAPH_URL). */
export function checkGraphUrl(value: string, source: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new QueryError(source.startsWith('--') ? 'USAGE' : 'CONFIG', `${source}: expected an http:// or https:// URL, got "${value}".`);
  }
  return value;
}

/** Checks a port number; `source` names the variable it came from. */
function checkPort(value: string, source: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw new QueryError('CONFIG', `${source}: expected a port number (1–65535), got "${value}".`);
  return port;
}

/** Parses the environment into a frozen config; blank values count as unset. */
export function loadQueryConfig(env: Environment, currentDirectory: string): Readonly<QueryConfig> {
  const value = (name: string) => env[name]?.trim() || undefined;
  const graphUrl = value('GRAPH_URL');
  const gatewayUrl = value('GATEWAY_URL');
  const gatewayPort = value('GATEWAY_PORT');
  // Each is checked even when one before it wins: a typo should not wait for the day it matters.
  const fromGateway = gatewayUrl === undefined ? undefined : checkGraphUrl(gatewayUrl, 'GATEWAY_URL');
  const fromPort = gatewayPort === undefined ? defaultGraphUrl : `http://localhost:${checkPort(gatewayPort, 'GATEWAY_PORT')}/graphql`;
  const startedBy = value('npm_lifecycle_event') === 'query' ? value('INIT_CWD') : undefined;
  return Object.freeze({
    graphUrl: graphUrl === undefined ? (fromGateway ?? fromPort) : checkGraphUrl(graphUrl, 'GRAPH_URL'),
    graphToken: value('GRAPH_TOKEN'),
    workingDirectory: resolve(startedBy ?? currentDirectory),
  });
}

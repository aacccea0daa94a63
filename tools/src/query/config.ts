import { resolve } from 'node:path';
import { QueryError } from './query-error';

/** Where operations go when neither --url nor GRAPH_URL says otherwise: the gateway of `npm start`. */
export const defaultGraphUrl = 'http://localhost:4000/graphql';

/** What the query CLI takes from its environment, read once at start. */
export interface QueryConfig {
  /** GRAPH_URL: the gateway's GraphQL endpoint. Default http://localhost:4000/graphql; --url wins over it. */
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

/** Parses the environment into a frozen config; blank values count as unset. */
export function loadQueryConfig(env: Environment, currentDirectory: string): Readonly<QueryConfig> {
  const value = (name: string) => env[name]?.trim() || undefined;
  const graphUrl = value('GRAPH_URL');
  const startedBy = value('npm_lifecycle_event') === 'query' ? value('INIT_CWD') : undefined;
  return Object.freeze({
    graphUrl: graphUrl === undefined ? defaultGraphUrl : checkGraphUrl(graphUrl, 'GRAPH_URL'),
    graphToken: value('GRAPH_TOKEN'),
    workingDirectory: resolve(startedBy ?? currentDirectory),
  });
}

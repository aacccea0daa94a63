import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphqlPath } from './serve-graphql-options';

/** Sends a person in a browser to the home page (returns true then); lets GraphQL clients through. */
export type BrowserRedirect = (request: IncomingMessage, url: URL, response: ServerResponse) => boolean;

/**
 * Redirects, with a 302 to `browserHome`, a person in a browser at the root
 * or at the GraphQL path: `GET /`, and `GET` of the GraphQL path with
 * `Accept: text/html` and no `query` parameter. Without a home, nobody.
 */
export function browserRedirect(browserHome: string | undefined): BrowserRedirect {
  return (request, url, response) => {
    if (browserHome === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
    const opensInBrowser =
      url.pathname === '/' ||
      (url.pathname === graphqlPath && !url.searchParams.has('query') && /\btext\/html\b/.test(request.headers.accept ?? ''));
    if (!opensInBrowser) return false;
    response.writeHead(302, { location: browserHome, 'content-type': 'text/plain; charset=utf-8' });
    response.end(`See ${browserHome}\n`);
    return true;
  };
}

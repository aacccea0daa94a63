import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A file the explorer page loads, held in memory. */
interface Asset {
  body: Buffer;
  contentType: string;
  /** A hash of the body: the ETag, and the `?v=` that makes the URL safe to cache for good. */
  version: string;
  gzipped?: Buffer;
}

/** Where the explorer's page is served. */
export const explorerPath = '/explorer';
const basePath = explorerPath;

/** What the editor holds on a first visit (GraphiQL keeps the user's own query in localStorage afterwards). */
const defaultQuery = `# nlai-graph query explorer. Ctrl-Enter runs the
# query; the book icon (left) opens the docs.
#
# Public data needs no token. Person-level data
# (talents, Lab.talent, Organisation.placements)
# needs a token with talent:read in the box above:
#   npm run -s token -- --scope talent:read

{
  labs(first: 5, filter: { status: ACTIVE }) {
    totalCount
    edges {
      node {
        name
        location { city }
        talentStats { total graduated }
      }
    }
  }
}
`;

// Its own file rather than an inline <script>: the CSP then needs no 'unsafe-inline' or hash for scripts.
const bootScript = `'use strict';
(() => {
  const storageKey = 'nlai-explorer:token';
  const input = document.getElementById('token');
  // Per tab only: a bearer token should not outlive the tab in localStorage.
  try { input.value = sessionStorage.getItem(storageKey) || ''; } catch {}
  input.addEventListener('input', () => {
    try { sessionStorage.setItem(storageKey, input.value); } catch {}
  });
  const send = GraphiQL.createFetcher({ url: '/graphql' });
  const fetcher = (params, options) => {
    const token = input.value.trim().replace(/^bearer\\s+/i, '');
    const headers = (options && options.headers) || {};
    // An Authorization typed into GraphiQL's own headers editor wins over the box.
    if (!token || Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) return send(params, options);
    return send(params, { ...options, headers: { ...headers, authorization: 'Bearer ' + token } });
  };
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(defaultQuery)}, defaultEditorToolsVisibility: false }),
  );
})();
`;

const pageStyle = `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
.explorer-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; padding: 0.5rem 1rem; font-size: 14px; border-bottom: 1px solid rgba(59, 75, 104, 0.15); }
.explorer-bar label { display: flex; align-items: center; gap: 0.5rem; }
.explorer-bar input { width: 24rem; max-width: 50vw; padding: 0.25rem 0.5rem; font: 13px ui-monospace, monospace; }
.explorer-bar small { opacity: 0.7; }
#graphiql { flex: 1; min-height: 0; }
@media (prefers-color-scheme: dark) { body { background: #0f1522; color: #e6e9ef; } }
`;

/**
 * The tightest policy GraphiQL 3 runs under (checked in headless Chromium by
 * test/explorer.test.ts, which fails on any violation): everything from the
 * gateway itself. No 'unsafe-inline' or 'unsafe-eval': GraphiQL, CodeMirror
 * and React set styles through the CSSOM, which style-src does not govern,
 * and nothing evaluates strings. `data:` only for images and fonts, which
 * graphiql.min.css embeds (its fonts and a few icons).
 */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function asset(body: Buffer | string, contentType: string): Asset {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return { body: bytes, contentType, version: createHash('sha256').update(bytes).digest('base64url').slice(0, 16) };
}

// The packages' `exports` maps hide their UMD files from require.resolve (react/umd/… fails
// with ERR_PACKAGE_PATH_NOT_EXPORTED); their package.json is exported, and the files sit beside it.
const packageFile = (packageName: string, file: string) => join(dirname(require.resolve(`${packageName}/package.json`)), file);

function readAssets(): Record<string, Asset> {
  const javascript = 'text/javascript; charset=utf-8';
  const css = 'text/css; charset=utf-8';
  return {
    'react.production.min.js': asset(readFileSync(packageFile('react', 'umd/react.production.min.js')), javascript),
    'react-dom.production.min.js': asset(readFileSync(packageFile('react-dom', 'umd/react-dom.production.min.js')), javascript),
    'graphiql.min.js': asset(readFileSync(packageFile('graphiql', 'graphiql.min.js')), javascript),
    'graphiql.min.css': asset(readFileSync(packageFile('graphiql', 'graphiql.min.css')), css),
    'explorer.css': asset(pageStyle, css),
    'explorer.js': asset(bootScript, javascript),
  };
}

function page(assets: Record<string, Asset>): Asset {
  const url = (name: string) => `${basePath}/${name}?v=${assets[name]!.version}`;
  const stylesheets = ['graphiql.min.css', 'explorer.css'].map((name) => `<link rel="stylesheet" href="${url(name)}">`);
  // React before ReactDOM before GraphiQL: each UMD build finds the previous one on window.
  const scripts = ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'explorer.js'].map(
    (name) => `<script src="${url(name)}"></script>`,
  );
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nlai-graph · query explorer</title>
<link rel="icon" href="data:,">
${stylesheets.join('\n')}
</head>
<body>
<header class="explorer-bar">
<strong>nlai-graph query explorer</strong>
<label>Bearer token <input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="optional; person-level data needs talent:read"></label>
<small>sent with every query from this tab; forgotten when the tab closes</small>
</header>
<div id="graphiql">Loading…</div>
${scripts.join('\n')}
</body>
</html>
`;
  return asset(html, 'text/html; charset=utf-8');
}

/** Answers with the asset: 304 when the browser has this version, gzipped when it may be. */
function send(file: Asset, request: IncomingMessage, response: ServerResponse, headers: Record<string, string>): void {
  const etag = `"${file.version}"`;
  response.setHeader('etag', etag);
  // Appended: the CORS handler may already vary on Origin.
  const vary = response.getHeader('vary');
  response.setHeader('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
  response.setHeader('x-content-type-options', 'nosniff');
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  if (request.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
    response.writeHead(304).end();
    return;
  }
  let body = file.body;
  if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
    // Compressed on first use: GraphiQL's 1 MB goes out as about 300 kB.
    file.gzipped ??= gzipSync(file.body);
    body = file.gzipped;
    response.setHeader('content-encoding', 'gzip');
  }
  response.writeHead(200, { 'content-type': file.contentType, 'content-length': body.length });
  response.end(body);
}

/**
 * The in-browser query explorer (GraphiQL 3), served from the gateway itself
 * with nothing from a CDN: GET routes by exact path, `/explorer` and the
 * files it loads. The files are read once, here; the page posts JSON to the
 * same origin's /graphql, so Apollo's CSRF prevention lets it through.
 */
export function explorerRoutes(): Record<string, (request: IncomingMessage, response: ServerResponse) => void> {
  const assets = readAssets();
  const html = page(assets);
  const routes: Record<string, Route> = {
    [basePath]: (request, response) =>
      send(html, request, response, {
        'content-security-policy': contentSecurityPolicy,
        'referrer-policy': 'no-referrer',
        // The page names the current asset versions: always revalidate it.
        'cache-control': 'no-cache',
      }),
  };
  for (const [name, file] of Object.entries(assets)) {
    routes[`${basePath}/${name}`] = (request, response) => {
      // Only the versioned URL the page names may be kept for good; any other may change under it.
      const versioned = new URL(request.url ?? '/', 'http://localhost').searchParams.get('v') === file.version;
      send(file, request, response, { 'cache-control': versioned ? 'public, max-age=31536000, immutable' : 'no-cache' });
    };
  }
  return routes;
}

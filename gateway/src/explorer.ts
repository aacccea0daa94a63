import { readFileSync } from 'node:fs';
import { assetUrl, asset, contentTypes, packageFile, pageRoutes, uiFile, type Asset, type Route } from './static-files';
import type { SavedQuestion } from './saved-questions';

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

function readAssets(savedQuestions: readonly SavedQuestion[]): Record<string, Asset> {
  const { javascript, css, json } = contentTypes;
  return {
    'react.production.min.js': asset(readFileSync(packageFile('react', 'umd/react.production.min.js')), javascript),
    'react-dom.production.min.js': asset(readFileSync(packageFile('react-dom', 'umd/react-dom.production.min.js')), javascript),
    'graphiql.min.js': asset(readFileSync(packageFile('graphiql', 'graphiql.min.js')), javascript),
    'graphiql.min.css': asset(readFileSync(packageFile('graphiql', 'graphiql.min.css')), css),
    'explorer.css': asset(pageStyle, css),
    'explorer.js': asset(bootScript, javascript),
    'tables.js': asset(uiFile('tables.js'), javascript),
    'saved-questions.js': asset(uiFile('saved-questions.js'), javascript),
    'saved-questions.css': asset(uiFile('saved-questions.css'), css),
    'saved-questions.json': asset(JSON.stringify(savedQuestions), json),
  };
}

function page(assets: Record<string, Asset>): Asset {
  const url = (name: string) => assetUrl(basePath, assets, name);
  const stylesheets = ['graphiql.min.css', 'explorer.css', 'saved-questions.css'].map(
    (name) => `<link rel="stylesheet" href="${url(name)}">`,
  );
  // React before ReactDOM before GraphiQL: each UMD build finds the previous one on window.
  const scripts = [
    'react.production.min.js',
    'react-dom.production.min.js',
    'graphiql.min.js',
    'explorer.js',
    'tables.js',
    'saved-questions.js',
  ].map((name) => `<script src="${url(name)}"></script>`);
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
<label>Saved question <select id="saved-question" data-catalogue="${url('saved-questions.json')}"><option value="">choose one…</option></select></label>
</header>
<section id="saved" class="saved" hidden aria-live="polite"></section>
<div id="graphiql">Loading…</div>
${scripts.join('\n')}
</body>
</html>
`;
  return asset(html, 'text/html; charset=utf-8');
}

/**
 * The in-browser query explorer (GraphiQL 3), served from the gateway itself
 * with nothing from a CDN: GET routes by exact path, `/explorer` and the
 * files it loads. The files are read once, here; the page posts JSON to the
 * same origin's /graphql, so Apollo's CSRF prevention lets it through.
 */
export function explorerRoutes(savedQuestions: readonly SavedQuestion[] = []): Record<string, Route> {
  const assets = readAssets(savedQuestions);
  return pageRoutes(basePath, page(assets), assets);
}

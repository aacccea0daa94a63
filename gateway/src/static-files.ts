import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A GET handler for one exact path. */
export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A file a page loads, held in memory. */
export interface Asset {
  body: Buffer;
  contentType: string;
  /** A hash of the body: the ETag, and the `?v=` that makes the URL safe to cache for good. */
  version: string;
  gzipped?: Buffer;
}

export const contentTypes = {
  javascript: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;

/** An asset of these bytes (or this text). */
export function asset(body: Buffer | string, contentType: string): Asset {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return { body: bytes, contentType, version: createHash('sha256').update(bytes).digest('base64url').slice(0, 16) };
}

// The packages' `exports` maps hide their UMD files from require.resolve (react/umd/… fails
// with ERR_PACKAGE_PATH_NOT_EXPORTED); their package.json is exported, and the files sit beside it.
/** A file of an installed npm package. */
export const packageFile = (packageName: string, file: string) => join(dirname(require.resolve(`${packageName}/package.json`)), file);

/** A browser file of the gateway's own, in gateway/ui (the same path from src/ and dist/). */
export const uiFile = (name: string) => readFileSync(resolve(__dirname, '../ui', name));

/**
 * Everything from the gateway itself, nothing inline, nothing evaluated from
 * strings: the policy of the explorer and the insights page (each checked in
 * headless Chromium, which fails on any violation). `data:` only for images
 * and fonts (GraphiQL's CSS embeds its fonts and icons; chart downloads are
 * data URLs), `blob:` for images so a chart's SVG can be drawn to a PNG.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

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
 * Routes for a page at `basePath` and the files it loads at
 * `basePath/<name>`. The page names versioned URLs (`?v=`), which browsers
 * may keep for good; the page itself is always revalidated.
 */
export function pageRoutes(basePath: string, html: Asset, assets: Record<string, Asset>): Record<string, Route> {
  const routes: Record<string, Route> = {
    [basePath]: (request, response) =>
      send(html, request, response, {
        'content-security-policy': contentSecurityPolicy,
        'referrer-policy': 'no-referrer',
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

/** The versioned URL of an asset of the page at `basePath`. */
export const assetUrl = (basePath: string, assets: Record<string, Asset>, name: string) => `${basePath}/${name}?v=${assets[name]!.version}`;

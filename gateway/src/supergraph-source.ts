import { createHash } from 'node:crypto';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@nlai/http-server';

/** The SHA-256 (hex) of a supergraph's SDL: what /ready shows, so an operator sees which one each replica serves. */
export const supergraphDigest = (sdl: string) => createHash('sha256').update(sdl).digest('hex');

/** Where the gateway's schema comes from, and which version it serves. */
export interface SupergraphSource {
  /** For ApolloGateway's `supergraphSdl`. */
  hook: SupergraphSdlHook;
  /** The SHA-256 (hex) of the SDL being served. */
  digest(): string;
}

/**
 * What the file and the URL sources share: offers each new version to the
 * gateway; one it cannot load (unparsable, invalid composition) is logged
 * once and the last good one stays.
 */
function servedSupergraph(initialSdl: string, logger: Logger, where: Record<string, string>) {
  let current = supergraphDigest(initialSdl);
  let refused: string | undefined;
  return {
    digest: () => current,
    offer(update: (sdl: string) => void, sdl: string): void {
      const next = supergraphDigest(sdl);
      if (next === current || next === refused) return;
      try {
        update(sdl);
        current = next;
        refused = undefined;
        logger.info({ ...where, digest: next }, 'serving the changed supergraph');
      } catch (error) {
        refused = next;
        logger.error({ err: error, ...where, digest: next }, 'the changed supergraph is invalid; keeping the last good one');
      }
    },
  };
}

/**
 * The committed supergraph file as the gateway's schema source, watched: a
 * valid new version is served without a restart; one the gateway cannot
 * load is logged and the last good one stays. The file is polled (stat), so
 * an editor's write-to-temp-and-rename is seen too.
 */
export function watchedSupergraph(file: string, logger: Logger, pollMs: number): SupergraphSource {
  const supergraphSdl = readFileSync(file, 'utf8');
  const served = servedSupergraph(supergraphSdl, logger, { file });
  return {
    digest: served.digest,
    hook: async ({ update }) => {
      const reload = () => {
        let sdl: string;
        try {
          sdl = readFileSync(file, 'utf8');
        } catch (error) {
          logger.error({ err: error, file }, 'cannot read the supergraph file; keeping the current schema');
          return;
        }
        served.offer(update, sdl);
      };
      watchFile(file, { interval: pollMs }, reload);
      return { supergraphSdl, cleanup: async () => unwatchFile(file, reload) };
    },
  };
}

/** A supergraph as SUPERGRAPH_URL served it. */
export interface FetchedSupergraph {
  sdl: string;
  /** The response's ETag, sent back as If-None-Match. */
  etag: string | undefined;
}

/**
 * Asks SUPERGRAPH_URL for the supergraph; undefined when it answers 304 (the
 * version of `etag` is still current). Throws on a network error, a timeout
 * or any other status.
 */
export async function fetchSupergraph(url: string, etag?: string, timeoutMs = 10_000): Promise<FetchedSupergraph | undefined> {
  const response = await fetch(url, {
    headers: { accept: 'text/plain, application/graphql, */*', ...(etag ? { 'if-none-match': etag } : {}) },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status === 304) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`${url} answered HTTP ${response.status}`);
  }
  return { sdl: await response.text(), etag: response.headers.get('etag') ?? undefined };
}

/**
 * SUPERGRAPH_URL as the gateway's schema source, for a fleet: `first` is
 * what boot fetched, then the URL is asked every `pollMs` with If-None-Match
 * (a 304 costs a round trip and nothing else). A new version that fails to
 * load, or a failed request, is logged and the last good one kept.
 */
export function polledSupergraph(url: string, first: FetchedSupergraph, logger: Logger, pollMs: number): SupergraphSource {
  const served = servedSupergraph(first.sdl, logger, { url });
  return {
    digest: served.digest,
    hook: async ({ update }) => {
      // The ETag of the last answer seen, refused or not: a refused version is not fetched again until it changes.
      let etag = first.etag;
      let failing = false;
      let timer: NodeJS.Timeout | undefined;
      let stopped = false;
      const poll = async () => {
        try {
          const fetched = await fetchSupergraph(url, etag, Math.max(pollMs, 5000));
          if (failing) logger.info({ url }, 'the supergraph URL answers again');
          failing = false;
          if (fetched) {
            etag = fetched.etag;
            served.offer(update, fetched.sdl);
          }
        } catch (error) {
          // Logged once per outage: the poll runs every second or so.
          if (!failing) logger.error({ err: error, url }, 'cannot fetch the supergraph; keeping the current schema');
          failing = true;
        }
        if (!stopped) timer = setTimeout(() => void poll(), pollMs);
      };
      timer = setTimeout(() => void poll(), pollMs);
      return {
        supergraphSdl: first.sdl,
        cleanup: async () => {
          stopped = true;
          clearTimeout(timer);
        },
      };
    },
  };
}

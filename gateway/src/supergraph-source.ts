import { createHash } from 'node:crypto';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@nlai/http-server';

const digest = (sdl: string) => createHash('sha256').update(sdl).digest('hex');

/**
 * The committed supergraph file as the gateway's schema source, watched: a
 * valid new version is served without a restart; one the gateway cannot
 * load is logged and the last good one stays. The file is polled (stat), so
 * an editor's write-to-temp-and-rename is seen too.
 */
export function watchedSupergraph(file: string, logger: Logger, pollMs: number): SupergraphSdlHook {
  return async ({ update }) => {
    const initial = readFileSync(file, 'utf8');
    let current = digest(initial);
    const reload = () => {
      let sdl: string;
      try {
        sdl = readFileSync(file, 'utf8');
      } catch (error) {
        logger.error({ err: error, file }, 'cannot read the supergraph file; keeping the current schema');
        return;
      }
      const next = digest(sdl);
      if (next === current) return;
      try {
        update(sdl);
        current = next;
        logger.info({ file, digest: next.slice(0, 12) }, 'serving the changed supergraph');
      } catch (error) {
        logger.error({ err: error, file }, 'the changed supergraph is invalid; keeping the last good one');
      }
    };
    watchFile(file, { interval: pollMs }, reload);
    return { supergraphSdl: initial, cleanup: async () => unwatchFile(file, reload) };
  };
}

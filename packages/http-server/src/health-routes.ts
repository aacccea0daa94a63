import type { ServerResponse } from 'node:http';
import type { Logger } from './logger';
import { sendJson } from './send-json';

/** Answers /health (alive) and /ready (its dependencies answer). */
export interface HealthRoutes {
  health(response: ServerResponse): void;
  ready(response: ServerResponse, requestId: string): Promise<void>;
}

/** /health always says ok; /ready asks `isReady` and answers 200 or 503, with `readyDetails` in both. */
export function healthRoutes(isReady: () => Promise<boolean>, logger: Logger, readyDetails?: () => Record<string, string>): HealthRoutes {
  // Readiness is polled every few seconds: a failure is logged when the state changes, not on every poll.
  let wasReady = true;
  async function checkReady(requestId: string): Promise<boolean> {
    let cause: unknown;
    const ready = await isReady().catch((error: unknown) => {
      cause = error;
      return false;
    });
    if (ready !== wasReady) {
      if (ready) logger.info({ requestId }, 'ready again');
      else
        logger.warn(
          { requestId, ...(cause === undefined ? {} : { err: cause }) },
          'not ready: a dependency does not answer; /ready answers 503 until it does',
        );
      wasReady = ready;
    }
    return ready;
  }
  return {
    health: (response) => sendJson(response, 200, { status: 'ok' }),
    async ready(response, requestId) {
      const ready = await checkReady(requestId);
      sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', ...readyDetails?.() });
    },
  };
}

import type { Logger } from './logger';

/**
 * Stops the service cleanly on SIGTERM or SIGINT: /ready answers 503 for the
 * shutdown delay (the load balancer takes the process out), then in-flight
 * requests finish, connections close, the process exits 0 (1 when closing
 * fails). A second signal ends it at once (the handler is gone).
 */
export function runUntilSignalled(close: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

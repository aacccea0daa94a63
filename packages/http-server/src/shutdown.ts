import type { Server, ServerResponse } from 'node:http';

/** Tracks in-flight responses so that closing lets them finish. */
export interface GracefulShutdown {
  /** Call for every response as its request arrives. */
  track(response: ServerResponse): void;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), then runs `afterClose`. Idempotent. */
  close(): Promise<void>;
}

/** Graceful shutdown of `server`: in-flight requests get `graceMs` to finish before their sockets are cut. */
export function gracefulShutdown(server: Server, graceMs: number, afterClose: () => Promise<void>): GracefulShutdown {
  // Responses still being worked on; on close they are told to end their connection.
  const inFlight = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;
  return {
    track(response) {
      inFlight.add(response);
      if (closing) response.shouldKeepAlive = false;
      response.on('close', () => {
        inFlight.delete(response);
        if (closing) server.closeIdleConnections();
      });
    },
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive sockets would hold close() open: in-flight responses end theirs, idle ones go now.
        for (const response of inFlight) response.shouldKeepAlive = false;
        server.closeIdleConnections();
        const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
        await closed;
        clearTimeout(deadline);
        await afterClose();
      })();
      return closing;
    },
  };
}

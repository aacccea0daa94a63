import type { Logger } from './logger';
import type { RequestObserver } from './request-record';

/**
 * One structured line per request to the GraphQL path, when its answer has
 * gone out: request id, operation, client, status, duration and error codes.
 * A fault (any 5xx, or an error of ours in a 200 answer) is at error level, a
 * refusal worth a warning at warn, everything else (a client's mistake
 * included) at info. The cause of a fault is on its own line, written by
 * useErrorLog with the same request id.
 */
export function useRequestLog(logger: Logger): RequestObserver {
  return {
    requestDidEnd(record) {
      const fault = record.fault || record.status >= 500;
      const level = fault ? 'error' : record.warning ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        requestId: record.requestId,
        operationName: record.operationName ?? null,
        clientName: record.clientName ?? null,
        clientVersion: record.clientVersion ?? null,
        status: record.status,
        ms: Math.round(record.durationMs * 10) / 10,
        codes: record.codes,
        ...record.warning?.details,
      };
      const message = fault
        ? 'request failed'
        : (record.warning?.message ?? (record.codes.length > 0 ? 'request with a client mistake' : 'request'));
      logger[level](line, message);
    },
  };
}

import type { Logger } from './logger';
import type { Fault, RequestObserver } from './request-record';

/** The first fault as `err` (pino prints its stack) and `code`; any others in `faults`, by code, path and message. */
function faultDetails(faults: Fault[]): Record<string, unknown> {
  const [first, ...others] = faults;
  if (!first) return {};
  const messageOf = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));
  return {
    err: first.cause,
    code: first.code,
    ...(first.path ? { path: first.path } : {}),
    ...(others.length > 0
      ? { faults: others.map((fault) => ({ code: fault.code, path: fault.path, message: messageOf(fault.cause) })) }
      : {}),
  };
}

/**
 * One structured line per request to the GraphQL path, when its answer has
 * gone out: request id, operation, client, status, duration and error codes.
 * A fault (any 5xx, or an error of ours in a 200 answer) is at error level, a
 * refusal worth a warning at warn, everything else (a client's mistake
 * included) at info. The causes of its faults (noted by useErrorLog and the
 * HTTP layer) are on the same line, so each request, and each fault, is one
 * line of the log.
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
        ...faultDetails(record.faults),
      };
      const message = fault
        ? `request failed: ${record.faults[0]?.code === 'INTERNAL_SERVER_ERROR' || !record.faults[0] ? 'internal error, masked for the client' : `fault, reported to the client as ${record.faults[0].code}`}`
        : (record.warning?.message ?? (record.codes.length > 0 ? 'request with a client mistake' : 'request'));
      logger[level](line, message);
    },
  };
}

import type { ServerResponse } from 'node:http';
import type { RequestObserver, RequestRecord } from './request-record';

/**
 * Composes observers into one runner: the first one's `around` is the
 * outermost, and every `requestDidEnd` is told once the answer has been
 * sent, with its status and duration.
 */
export function requestObserved(observers: RequestObserver[]) {
  const arounds = observers.filter((observer) => observer.around);
  const enders = observers.filter((observer) => observer.requestDidEnd);
  return async (record: RequestRecord, response: ServerResponse, handle: (record: RequestRecord) => Promise<void>): Promise<void> => {
    const run = arounds.reduceRight<() => Promise<void>>(
      (next, observer) => () => observer.around!(record, next),
      () => handle(record),
    );
    try {
      await run();
    } finally {
      record.status = response.statusCode;
      record.durationMs = performance.now() - record.startedAt;
      for (const observer of enders) observer.requestDidEnd!(record);
    }
  };
}

import type { ServerResponse } from 'node:http';
import type { RequestObserver, RequestRecord } from './request-record';

/**
 * Composes observers into one runner: the first one's `around` is the
 * outermost, and every `requestDidEnd` is told as the answer goes out, with
 * its status and duration. Told just before `response.end`, so whoever has
 * the answer finds the request's log line already written; or after the
 * handling, for a request cut before it was answered.
 */
export function requestObserved(observers: RequestObserver[]) {
  const arounds = observers.filter((observer) => observer.around);
  const enders = observers.filter((observer) => observer.requestDidEnd);
  return async (record: RequestRecord, response: ServerResponse, handle: (record: RequestRecord) => Promise<void>): Promise<void> => {
    let told = false;
    const tell = () => {
      if (told) return;
      told = true;
      record.status = response.statusCode;
      record.durationMs = performance.now() - record.startedAt;
      for (const observer of enders) observer.requestDidEnd!(record);
    };
    const end = response.end;
    response.end = function (this: ServerResponse, ...args: Parameters<ServerResponse['end']>) {
      tell();
      return end.apply(this, args);
    } as ServerResponse['end'];
    const run = arounds.reduceRight<() => Promise<void>>(
      (next, observer) => () => observer.around!(record, next),
      () => handle(record),
    );
    try {
      await run();
    } finally {
      tell();
    }
  };
}

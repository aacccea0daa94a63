import type { ServerResponse } from 'node:http';
import { httpStatusOf, type MistakeCode } from '@nlai/errors';
import { noteCode, type RequestRecord } from './request-record';
import { requestErrorBody, sendJson } from './send-json';

/**
 * Answers a client's mistake: how a server refuses one. The status is the
 * code's in the error catalogue, unless HTTP has a more exact one for the
 * transport (404 for an unknown path, 413 for a body over the limit).
 */
export type Refuse = (response: ServerResponse, record: RequestRecord, code: MistakeCode, message: string, status?: number) => void;

/** Refuses client mistakes; the request's log line (info: anyone can send them) carries the code. */
export function refuser(): Refuse {
  return (response, record, code, message, status = httpStatusOf(code)) => {
    noteCode(record, code);
    sendJson(response, status, requestErrorBody(message, code));
  };
}

import type { ServerResponse } from 'node:http';
import { noteCode, type RequestRecord } from './request-record';
import { requestErrorBody, sendJson } from './send-json';

/** Answers a client's mistake: how a server refuses one. */
export type Refuse = (response: ServerResponse, record: RequestRecord, status: number, message: string, code: string) => void;

/** Refuses client mistakes; the request's log line (info: anyone can send them) carries the code. */
export function refuser(): Refuse {
  return (response, record, status, message, code) => {
    noteCode(record, code);
    sendJson(response, status, requestErrorBody(message, code));
  };
}

import type { ServerResponse } from 'node:http';
import type { Logger } from './logger';
import { requestErrorBody, sendJson } from './send-json';

/** Answers a client's mistake: how a server refuses one. */
export type Refuse = (response: ServerResponse, requestId: string, status: number, message: string, code: string) => void;

/** Refuses client mistakes; logged below error level (anyone can send them), with the request id. */
export function refuser(logger: Logger): Refuse {
  return (response, requestId, status, message, code) => {
    logger.info({ requestId, status, codes: [code] }, 'refused a client mistake');
    sendJson(response, status, requestErrorBody(message, code));
  };
}

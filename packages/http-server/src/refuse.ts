import type { ServerResponse } from 'node:http';
import { httpStatusOf, type MistakeCode } from '@nlai/errors';
import type { Logger } from './logger';
import { requestErrorBody, sendJson } from './send-json';

/**
 * Answers a client's mistake: how a server refuses one. The status is the
 * code's in the error catalogue, unless HTTP has a more exact one for the
 * transport (404 for an unknown path, 413 for a body over the limit).
 */
export type Refuse = (response: ServerResponse, requestId: string, code: MistakeCode, message: string, status?: number) => void;

/** Refuses client mistakes; logged below error level (anyone can send them), with the request id. */
export function refuser(logger: Logger): Refuse {
  return (response, requestId, code, message, status = httpStatusOf(code)) => {
    logger.info({ requestId, status, codes: [code] }, 'refused a client mistake');
    sendJson(response, status, requestErrorBody(message, code));
  };
}

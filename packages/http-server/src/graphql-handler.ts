import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type BaseContext } from '@apollo/server';
import { clientCodeOf, httpStatusOf } from '@nlai/errors';
import { GraphQLError } from 'graphql';
import { legacyJsonStatus } from './legacy-json-status';
import { readBody } from './request-body';
import type { Refuse } from './refuse';
import { attachRecord, noteCode, noteFault, type RequestRecord } from './request-record';
import { requestErrorBody, sendJson } from './send-json';
import type { ServeGraphQLOptions } from './serve-graphql-options';

/** The codes of a GraphQL error response that Apollo answered before any plugin saw it (e.g. a refused token). */
function codesOf(body: string): string[] {
  try {
    const errors = (JSON.parse(body) as { errors?: Array<{ extensions?: { code?: unknown } }> }).errors ?? [];
    return errors.map((error) => error.extensions?.code).filter((code): code is string => typeof code === 'string');
  } catch {
    return [];
  }
}

/** Serves one request to the GraphQL path; throws BodyTooLarge for an oversized body. */
export type GraphQLHandler = (request: IncomingMessage, response: ServerResponse, record: RequestRecord, search: string) => Promise<void>;

/**
 * Checks the caller, parses the body, admits the request, runs it in Apollo
 * (inside `aroundRequest`) and answers with Apollo's status, except 200 for a
 * well-formed request's errors in application/json.
 */
export function graphqlHandler<Context extends BaseContext>(
  options: ServeGraphQLOptions<Context>,
  bodyLimit: number,
  refuse: Refuse,
): GraphQLHandler {
  const { apollo } = options;
  return async (request, response, record, search) => {
    const { requestId } = record;
    if (options.limitRequest) {
      const limited = await options.limitRequest(request);
      if (limited) {
        response.setHeader('retry-after', String(limited.retryAfterSeconds));
        return refuse(response, record, 'RATE_LIMITED', limited.message);
      }
    }
    let body: unknown;
    const text = request.method === 'POST' ? await readBody(request, bodyLimit) : '';
    if (options.verifyCaller && !(await options.verifyCaller({ method: request.method ?? 'GET', headers: request.headers, body: text }))) {
      // Not an ordinary mistake: only the gateway should reach this service, so an unsigned or replayed request is a security event.
      noteCode(record, 'UNAUTHENTICATED');
      record.warning = { message: 'refused a request not signed by the gateway', details: { remoteAddress: request.socket.remoteAddress } };
      return void sendJson(
        response,
        httpStatusOf('UNAUTHENTICATED'),
        requestErrorBody('This service answers only requests signed by its gateway.', 'UNAUTHENTICATED'),
      );
    }
    if (request.method === 'POST') {
      const contentType = request.headers['content-type'] ?? '';
      if (/^application\/(graphql-response\+)?json\b/i.test(contentType) || /\+json\b/i.test(contentType.split(';')[0] ?? '')) {
        try {
          body = JSON.parse(text);
        } catch {
          return refuse(response, record, 'BAD_REQUEST', 'The request body is not valid JSON.');
        }
      } else {
        body = text;
      }
    }
    if (options.admitRequest) {
      const admitted = options.admitRequest({ method: request.method ?? 'GET', body, search });
      if ('refused' in admitted) return refuse(response, record, admitted.refused.code, admitted.refused.message);
      ({ body, search } = admitted);
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    attachRecord(headers, record);
    const execute = () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method?.toUpperCase() ?? 'GET', headers, search, body },
        context: async () => {
          try {
            return await options.context({ requestId, headers: request.headers });
          } catch (error) {
            // A refused token is the caller's; anything else failed here, and Apollo logs it without the request id.
            if (!(error instanceof GraphQLError && clientCodeOf(error))) noteFault(record, { code: 'INTERNAL_SERVER_ERROR', cause: error });
            throw error;
          }
        },
      });
    const result = options.aroundRequest
      ? await options.aroundRequest({ requestId, setHeader: (name, value) => void response.setHeader(name, value) }, execute)
      : await execute();
    for (const [name, value] of result.headers) response.setHeader(name, value);
    if (result.body.kind === 'complete') {
      if ((result.status ?? 200) >= 400 && record.codes.length === 0)
        for (const code of codesOf(result.body.string)) noteCode(record, code);
      response.statusCode = legacyJsonStatus(result.status ?? 200, result.headers.get('content-type'), result.body.string);
      response.end(result.body.string);
      return;
    }
    response.statusCode = result.status ?? 200;
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };
}

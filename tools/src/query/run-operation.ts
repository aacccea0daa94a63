import { isJsonObject, type JsonObject } from './find-rows';
import { QueryError } from './query-error';

/** One error of a GraphQL response. */
export interface GraphQLResponseError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: JsonObject;
}

/** A GraphQL response: data (possibly partial or null) and errors. */
export interface GraphQLResponse {
  data?: JsonObject | null;
  errors?: GraphQLResponseError[];
}

/** What {@link runOperation} sends, and where. */
export interface OperationRequest {
  /** The gateway's GraphQL endpoint. */
  url: string;
  /** The document to send. */
  query: string;
  /** Which operation of the document runs; undefined for its only (or anonymous) one. */
  operationName?: string;
  variables: Record<string, unknown>;
  /** Sent as `Authorization: Bearer <token>`; default none. */
  token?: string;
  /** How long to wait for the whole answer, in milliseconds. Default 60 000. */
  timeoutMs?: number;
}

const isGraphQLResponse = (body: unknown): body is GraphQLResponse =>
  isJsonObject(body) && ('data' in body || Array.isArray(body.errors)) && (body.errors === undefined || Array.isArray(body.errors));

/** The first part of a body on one line, for a message. */
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Why fetch failed, in the words of the network layer (`connect ECONNREFUSED 127.0.0.1:4000`). */
function networkReason(error: unknown): string {
  const cause =
    error instanceof Error
      ? (error.cause as (Error & { code?: string; errors?: Array<Error & { code?: string }> }) | undefined)
      : undefined;
  // Node tries IPv6 and IPv4 for "localhost" and reports both in an AggregateError without a message.
  const reason = cause?.message || cause?.errors?.[0]?.message || cause?.code;
  return reason || (error instanceof Error ? error.message : String(error));
}

/**
 * Posts one operation to the gateway (GraphQL over HTTP, JSON) and returns
 * its response, GraphQL errors included. Throws a QueryError when there is no
 * GraphQL response to return: the gateway cannot be reached or does not
 * answer in time, or answers an HTTP error (or anything but GraphQL) without
 * GraphQL errors.
 */
export async function runOperation(request: OperationRequest): Promise<GraphQLResponse> {
  const timeoutMs = request.timeoutMs ?? 60_000;
  let status: number;
  let statusText: string;
  let text: string;
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
      },
      body: JSON.stringify({ query: request.query, operationName: request.operationName, variables: request.variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    ({ status, statusText } = response);
    text = await response.text();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new QueryError('GATEWAY_UNREACHABLE', `The gateway at ${request.url} did not answer within ${timeoutMs / 1000} s.`);
    }
    throw new QueryError(
      'GATEWAY_UNREACHABLE',
      `Cannot reach the gateway at ${request.url}: ${networkReason(error)}. Is it running? (npm start)`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isGraphQLResponse(body) && (status === 200 || (body.errors?.length ?? 0) > 0)) return body;
  if (status !== 200) {
    throw new QueryError(
      'GATEWAY_HTTP',
      `The gateway at ${request.url} answered HTTP ${status}${statusText ? ` ${statusText}` : ''}${text.trim() ? `: ${excerpt(text)}` : ''}.`,
    );
  }
  throw new QueryError(
    'GATEWAY_HTTP',
    `The gateway at ${request.url} answered something that is not a GraphQL response: ${excerpt(text) || '(an empty body)'}.`,
  );
}

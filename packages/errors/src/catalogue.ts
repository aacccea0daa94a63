/**
 * Whose an error is: a `mistake` is the client's (it can fix its request;
 * logged below error level, never a 5xx), a `fault` is ours or an
 * upstream's (the client can only retry; logged at error with the request
 * id and its cause).
 */
export type ErrorKind = 'mistake' | 'fault';

/** The status of a fault that only ever nulls some fields: a 200 with the partial answer and its errors (GraphQL over HTTP). */
const partialAnswer = 200;

/** A client's mistake, with the 4xx of a request it refuses as a whole. */
const mistake = (httpStatus: 400 | 401 | 403 | 429, description: string) => ({ kind: 'mistake', httpStatus, description }) as const;
/**
 * A step of Apollo's automatic persisted queries, not a failure: Apollo
 * answers 200 and Apollo Client then sends the full query, as it expects.
 */
const persistedQueryStep = (description: string) => ({ kind: 'mistake', httpStatus: 200, description }) as const;
/** Our fault or an upstream's: a 5xx when it fails the whole request, or a 200 with partial data when it nulls fields. */
const fault = (httpStatus: 500 | 502 | 503 | 504 | typeof partialAnswer, description: string) =>
  ({ kind: 'fault', httpStatus, description }) as const;

/**
 * Every error code a client of the graph can see, whose it is, the HTTP
 * status of a response it refuses as a whole, and a one-line meaning.
 * Codes are a public contract: add new ones, never rename or reuse one.
 *
 * The status applies to request errors (GraphQL over HTTP, with the
 * application/graphql-response+json media type): a field's error never
 * sets one, the answer is a 200 with partial data. Legacy application/json
 * clients get 200 for parse, validation and variable errors, as that spec
 * asks. Refusals before GraphQL with a more exact HTTP status keep theirs:
 * BAD_REQUEST for an unknown path is a 404, for a body over the limit a 413.
 */
export const errorCatalogue = {
  UNAUTHENTICATED: mistake(
    401,
    'No valid credentials: the bearer token is missing where one is needed, malformed, expired or not signed by us.',
  ),
  FORBIDDEN: mistake(403, 'The token is valid but lacks the scope this field needs.'),
  BAD_USER_INPUT: mistake(400, 'An argument or variable has a value the field does not accept.'),
  INVALID_CURSOR: mistake(400, 'The `after` cursor was not issued by this list; start again without it.'),
  PAGE_SIZE_EXCEEDED: mistake(400, '`first` is negative or above the largest page this list serves.'),
  UPSTREAM_UNAVAILABLE: fault(
    partialAnswer,
    'A service this one needs did not answer; the field is null, nothing was written; retry later.',
  ),
  SUBGRAPH_UNAVAILABLE: fault(partialAnswer, 'One subgraph is down or failing; its fields are null, the rest of the answer is complete.'),
  SUBGRAPH_TIMEOUT: fault(partialAnswer, 'One subgraph did not answer in time; its fields are null, the rest of the answer is complete.'),
  OPERATION_TOO_DEEP: mistake(400, 'The operation nests fields deeper than the gateway allows.'),
  TOO_MANY_ALIASES: mistake(400, 'The operation uses more aliases than the gateway allows.'),
  OPERATION_TOO_COSTLY: mistake(400, 'The operation could fetch more data than the gateway allows in one request; page through it.'),
  GRAPHQL_PARSE_FAILED: mistake(400, 'The document is not valid GraphQL syntax.'),
  GRAPHQL_VALIDATION_FAILED: mistake(400, 'The document does not match the schema.'),
  OPERATION_RESOLUTION_FAILURE: mistake(400, 'The request names no operation or an unknown one.'),
  BAD_REQUEST: mistake(400, 'The HTTP request is not a GraphQL request this server accepts.'),
  PERSISTED_QUERY_NOT_FOUND: persistedQueryStep('The persisted query hash is unknown; send the full query once.'),
  PERSISTED_QUERY_NOT_SUPPORTED: persistedQueryStep('This server does not accept persisted queries.'),
  PERSISTED_QUERY_NOT_ALLOWED: mistake(400, 'In safelist mode only the operations of the persisted-operations manifest run.'),
  RATE_LIMITED: mistake(429, 'The caller sent more requests than the gateway allows per window; retry after `Retry-After` seconds.'),
  INTERNAL_SERVER_ERROR: fault(500, 'Something failed on our side; the cause is logged with the request id.'),
} as const satisfies Record<string, { kind: ErrorKind; httpStatus: number; description: string }>;

/** A stable error code from the catalogue. */
export type ErrorCode = keyof typeof errorCatalogue;

/** The codes of the client's mistakes. */
export type MistakeCode = { [Code in ErrorCode]: (typeof errorCatalogue)[Code]['kind'] extends 'mistake' ? Code : never }[ErrorCode];

/** The codes of faults a client is told about (with what it can do), other than the masked INTERNAL_SERVER_ERROR. */
export type ReportedFaultCode = Exclude<ErrorCode, MistakeCode | 'INTERNAL_SERVER_ERROR'>;

export function isCatalogued(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(errorCatalogue, code);
}

/** The HTTP status of a response this error refuses as a whole (see {@link errorCatalogue}). */
export function httpStatusOf(code: ErrorCode): number {
  return errorCatalogue[code].httpStatus;
}

/** Whose an error of this catalogued code is. */
export function kindOf(code: ErrorCode): ErrorKind {
  return errorCatalogue[code].kind;
}

/**
 * Whose an error is: a `mistake` is the client's (it can fix its request;
 * logged below error level, never a 5xx), a `fault` is ours or an
 * upstream's (the client can only retry; logged at error with the request
 * id and its cause).
 */
export type ErrorKind = 'mistake' | 'fault';

const mistake = (description: string) => ({ kind: 'mistake', description }) as const;
const fault = (description: string) => ({ kind: 'fault', description }) as const;

/**
 * Every error code a client of the graph can see, whose it is, with a
 * one-line meaning. Codes are a public contract: add new ones, never
 * rename or reuse one.
 */
export const errorCatalogue = {
  UNAUTHENTICATED: mistake(
    'No valid credentials: the bearer token is missing where one is needed, malformed, expired or not signed by us.',
  ),
  FORBIDDEN: mistake('The token is valid but lacks the scope this field needs.'),
  BAD_USER_INPUT: mistake('An argument or variable has a value the field does not accept.'),
  INVALID_CURSOR: mistake('The `after` cursor was not issued by this list; start again without it.'),
  PAGE_SIZE_EXCEEDED: mistake('`first` is negative or above the largest page this list serves.'),
  UPSTREAM_UNAVAILABLE: fault('A service this one needs did not answer; retry later. Nothing was written.'),
  SUBGRAPH_UNAVAILABLE: fault('One subgraph is down or failing; its fields are null, the rest of the answer is complete.'),
  SUBGRAPH_TIMEOUT: fault('One subgraph did not answer in time; its fields are null, the rest of the answer is complete.'),
  OPERATION_TOO_DEEP: mistake('The operation nests fields deeper than the gateway allows.'),
  TOO_MANY_ALIASES: mistake('The operation uses more aliases than the gateway allows.'),
  OPERATION_TOO_COSTLY: mistake('The operation could fetch more data than the gateway allows in one request; page through it.'),
  GRAPHQL_PARSE_FAILED: mistake('The document is not valid GraphQL syntax.'),
  GRAPHQL_VALIDATION_FAILED: mistake('The document does not match the schema.'),
  OPERATION_RESOLUTION_FAILURE: mistake('The request names no operation or an unknown one.'),
  BAD_REQUEST: mistake('The HTTP request is not a GraphQL request this server accepts.'),
  PERSISTED_QUERY_NOT_FOUND: mistake('The persisted query hash is unknown; send the full query once.'),
  PERSISTED_QUERY_NOT_SUPPORTED: mistake('This server does not accept persisted queries.'),
  PERSISTED_QUERY_NOT_ALLOWED: mistake('In safelist mode only the operations of the persisted-operations manifest run.'),
  INTERNAL_SERVER_ERROR: fault('Something failed on our side; the cause is logged with the request id.'),
} as const satisfies Record<string, { kind: ErrorKind; description: string }>;

/** A stable error code from the catalogue. */
export type ErrorCode = keyof typeof errorCatalogue;

/** The codes of the client's mistakes. */
export type MistakeCode = { [Code in ErrorCode]: (typeof errorCatalogue)[Code]['kind'] extends 'mistake' ? Code : never }[ErrorCode];

/** The codes of faults a client is told about (with what it can do), other than the masked INTERNAL_SERVER_ERROR. */
export type ReportedFaultCode = Exclude<ErrorCode, MistakeCode | 'INTERNAL_SERVER_ERROR'>;

export function isCatalogued(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(errorCatalogue, code);
}

/** Whose an error of this catalogued code is. */
export function kindOf(code: ErrorCode): ErrorKind {
  return errorCatalogue[code].kind;
}

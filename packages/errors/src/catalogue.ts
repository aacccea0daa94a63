/**
 * Every error code a client of the graph can see, with a one-line meaning.
 * Codes are a public contract: add new ones, never rename or reuse one.
 */
export const errorCatalogue = {
  UNAUTHENTICATED: 'No valid credentials: the bearer token is missing where one is needed, malformed, expired or not signed by us.',
  FORBIDDEN: 'The token is valid but lacks the scope this field needs.',
  BAD_USER_INPUT: 'An argument or variable has a value the field does not accept.',
  INVALID_CURSOR: 'The `after` cursor was not issued by this list; start again without it.',
  PAGE_SIZE_EXCEEDED: '`first` is negative or above the largest page this list serves.',
  UPSTREAM_UNAVAILABLE: 'A service this one needs did not answer; retry later. Nothing was written.',
  SUBGRAPH_UNAVAILABLE: 'One subgraph is down or failing; its fields are null, the rest of the answer is complete.',
  SUBGRAPH_TIMEOUT: 'One subgraph did not answer in time; its fields are null, the rest of the answer is complete.',
  OPERATION_TOO_DEEP: 'The operation nests fields deeper than the gateway allows.',
  TOO_MANY_ALIASES: 'The operation uses more aliases than the gateway allows.',
  OPERATION_TOO_COSTLY: 'The operation could fetch more data than the gateway allows in one request; page through it.',
  GRAPHQL_PARSE_FAILED: 'The document is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The document does not match the schema.',
  OPERATION_RESOLUTION_FAILURE: 'The request names no operation or an unknown one.',
  BAD_REQUEST: 'The HTTP request is not a GraphQL request this server accepts.',
  PERSISTED_QUERY_NOT_FOUND: 'The persisted query hash is unknown; send the full query once.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'This server does not accept persisted queries.',
  PERSISTED_QUERY_NOT_ALLOWED: 'In safelist mode only the operations of the persisted-operations manifest run.',
  INTERNAL_SERVER_ERROR: 'Something failed on our side; the cause is logged with the request id.',
} as const;

/** A stable error code from the catalogue. */
export type ErrorCode = keyof typeof errorCatalogue;

export function isCatalogued(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(errorCatalogue, code);
}

// Errors of a well-formed request: with the legacy application/json response
// type, GraphQL over HTTP wants them answered with 200 (Apollo uses 400).
const wellFormedRequestErrors = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/** 200 instead of 400 for a GraphQL error response in application/json, as the GraphQL-over-HTTP spec asks. */
export function legacyJsonStatus(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400 || !contentType?.startsWith('application/json')) return status;
  try {
    const { errors } = JSON.parse(body) as { errors?: Array<{ extensions?: { code?: string } }> };
    const codes = errors?.map((error) => error.extensions?.code) ?? [];
    return codes.length > 0 && codes.every((code) => code !== undefined && wellFormedRequestErrors.has(code)) ? 200 : status;
  } catch {
    return status;
  }
}

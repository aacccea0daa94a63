import { developmentSecret, signToken } from '@nlai/auth';

/** A GraphQL response as a test sees it: HTTP status, headers and parsed body. */
export interface GraphQLResult<Data = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: Data | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** Posts one operation over real HTTP. */
export async function graphql<Data = Record<string, unknown>>(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResult<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResult<Data>, 'status' | 'headers'>;
  return { status: response.status, headers: response.headers, ...body };
}

/** A token signed with the development secret the services use in tests. */
export function tokenWith(...scopes: string[]): string {
  return signToken({ secret: developmentSecret, scopes, subject: 'test-user', expiresInSeconds: 3600 });
}

/**
 * The userErrors of a mutation's payload (the first root field) as
 * `field:code` strings, e.g. "input.name:BLANK"; throws on GraphQL errors,
 * so a test never mistakes a refused request for a refused input.
 */
export function userErrorCodes(result: GraphQLResult<unknown>): string[] {
  if (result.errors?.length) throw new Error(`expected a payload, got errors: ${JSON.stringify(result.errors)}`);
  const payload = Object.values((result.data ?? {}) as Record<string, { userErrors: Array<{ field: string[] | null; code: string }> }>)[0];
  if (!payload) throw new Error('expected a payload, got no data');
  return payload.userErrors.map(({ field, code }) => `${(field ?? []).join('.')}:${code}`);
}

/**
 * Every way `npm run query` can fail before it has a GraphQL answer to show,
 * with the exit code it ends with: 2 for a mistake on the command line, 1 for
 * everything else. GraphQL errors in an answer are not here: they are the
 * gateway's, printed as they come.
 */
export const queryErrors = {
  USAGE: {
    exitCode: 2,
    description:
      'The command line does not fit: an unknown option, a bad --var, an ambiguous operation, --all-pages on an operation that cannot page.',
  },
  CONFIG: { exitCode: 2, description: 'An environment variable (GRAPH_URL, GRAPH_TOKEN) holds a value it does not accept.' },
  FILE_UNREADABLE: { exitCode: 1, description: 'The operation file is missing or cannot be read.' },
  INVALID_DOCUMENT: { exitCode: 1, description: 'The file is not valid GraphQL, or holds no operation.' },
  GATEWAY_UNREACHABLE: { exitCode: 1, description: 'No connection to the gateway, or no answer in time.' },
  GATEWAY_HTTP: {
    exitCode: 1,
    description: 'The gateway answered an HTTP error without GraphQL errors, or something that is not a GraphQL response.',
  },
  PAGING: {
    exitCode: 1,
    description: 'Following pageInfo went wrong: no cursor, the same cursor twice, or the connection vanished from a later page.',
  },
} as const;

export type QueryErrorCode = keyof typeof queryErrors;

/** A failure of the query CLI, with a one-line message meant for the analyst who ran it. */
export class QueryError extends Error {
  readonly exitCode: number;

  constructor(
    readonly code: QueryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'QueryError';
    this.exitCode = queryErrors[code].exitCode;
  }
}

/** A mistake on the command line (exit code 2). */
export function usageError(message: string): QueryError {
  return new QueryError('USAGE', message);
}

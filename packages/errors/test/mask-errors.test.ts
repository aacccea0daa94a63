import { buildSchema, graphql, GraphQLError, type GraphQLFormattedError } from 'graphql';
import { clientError, maskErrors, type ErrorLogger } from '../src';

const schema = buildSchema(`
  type Query {
    lab: Lab
  }
  type Lab {
    name: String
    talent: [String]
    partners: [String]
    count: Int
  }
`);

const rootValue = {
  lab: {
    name: () => {
      throw new Error('ER_NO_SUCH_TABLE: SELECT `lab`.`name` FROM `lab` WHERE id = 7');
    },
    talent: () => {
      throw clientError('FORBIDDEN', 'Lab.talent needs the talent:read scope; this token has no scopes.', { requiredScope: 'talent:read' });
    },
    partners: () => {
      throw new GraphQLError('Duplicate entry', { extensions: { code: 'ER_DUP_ENTRY' } });
    },
    count: () => {
      throw clientError('UNAUTHENTICATED', 'Lab.count needs a bearer token.');
    },
  },
};

/** What Apollo Server hands formatError: the error as JSON, a code (INTERNAL_SERVER_ERROR when it has none) and a stack trace. */
function formattedByApollo(error: GraphQLError): GraphQLFormattedError {
  const { http: _http, ...extensions } = error.extensions;
  return {
    ...error.toJSON(),
    extensions: {
      ...extensions,
      code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR',
      stacktrace: (error.originalError?.stack ?? error.stack ?? '').split('\n'),
    },
  };
}

async function errorsOf(field: string, options: { exposeStackTraces?: boolean } = {}) {
  const logged: Array<{ details: Record<string, unknown>; message: string }> = [];
  const logger: ErrorLogger = { error: (details, message) => logged.push({ details, message }) };
  const format = maskErrors({ logger, ...options });
  const result = await graphql({ schema, rootValue, source: `{ lab { ${field} } }` });
  const raw = result.errors ?? [];
  expect(raw).toHaveLength(1);
  const error = raw[0]!;
  return { response: format(formattedByApollo(error), error), logged, error };
}

describe('maskErrors', () => {
  it('hides an unexpected failure behind a bare INTERNAL_SERVER_ERROR, keeping where it happened', async () => {
    const { response } = await errorsOf('name');

    expect(response).toEqual({
      message: 'Internal server error',
      path: ['lab', 'name'],
      locations: [{ line: 1, column: 9 }],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(response)).not.toMatch(/SELECT|ER_NO_SUCH_TABLE|stacktrace/);
  });

  it('logs the real cause of a masked failure, with its path', async () => {
    const { logged } = await errorsOf('name');

    expect(logged).toHaveLength(1);
    expect(logged[0]!.details.err).toBeInstanceOf(Error);
    expect((logged[0]!.details.err as Error).message).toContain('ER_NO_SUCH_TABLE');
    expect(logged[0]!.details.path).toEqual(['lab', 'name']);
  });

  it('masks a GraphQLError whose code is not in the catalogue, such as a driver code', async () => {
    const { response, logged } = await errorsOf('partners');

    expect(response.message).toBe('Internal server error');
    expect(response.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details.code).toBe('ER_DUP_ENTRY');
  });

  it('lets a catalogued client error through with its message, code and details, without a stack trace', async () => {
    const { response, logged } = await errorsOf('talent');

    expect(response).toEqual({
      message: 'Lab.talent needs the talent:read scope; this token has no scopes.',
      path: ['lab', 'talent'],
      locations: [{ line: 1, column: 9 }],
      extensions: { code: 'FORBIDDEN', requiredScope: 'talent:read' },
    });
    expect(logged).toEqual([]);
  });

  it('keeps the stack trace of a client error when asked to, for development', async () => {
    const { response } = await errorsOf('count', { exposeStackTraces: true });

    expect(response.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.extensions?.stacktrace).toEqual(expect.arrayContaining([expect.any(String)]));
  });

  it('logs and re-masks an INTERNAL_SERVER_ERROR passed on by a subgraph, so its text never leaks', () => {
    const logged: unknown[] = [];
    const format = maskErrors({ logger: { error: (details) => logged.push(details) } });
    const fromSubgraph = new GraphQLError('connect ECONNREFUSED 10.0.0.7:3306', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });

    const response = format({ message: fromSubgraph.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, fromSubgraph);

    expect(response).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toHaveLength(1);
  });
});

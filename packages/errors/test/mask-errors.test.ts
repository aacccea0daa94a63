import { buildSchema, graphql, GraphQLError, type GraphQLFormattedError } from 'graphql';
import { clientError, maskErrors, reportedFault } from '../src';

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
  const format = maskErrors(options);
  const result = await graphql({ schema, rootValue, source: `{ lab { ${field} } }` });
  const raw = result.errors ?? [];
  expect(raw).toHaveLength(1);
  const error = raw[0]!;
  return { response: format(formattedByApollo(error), error), error };
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

  it('masks a GraphQLError whose code is not in the catalogue, such as a driver code', async () => {
    const { response } = await errorsOf('partners');

    expect(response.message).toBe('Internal server error');
    expect(response.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('lets a catalogued client error through with its message, code and details, without a stack trace', async () => {
    const { response } = await errorsOf('talent');

    expect(response).toEqual({
      message: 'Lab.talent needs the talent:read scope; this token has no scopes.',
      path: ['lab', 'talent'],
      locations: [{ line: 1, column: 9 }],
      extensions: { code: 'FORBIDDEN', requiredScope: 'talent:read' },
    });
  });

  it('keeps the stack trace of a client error when asked to, for development', async () => {
    const { response } = await errorsOf('count', { exposeStackTraces: true });

    expect(response.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.extensions?.stacktrace).toEqual(expect.arrayContaining([expect.any(String)]));
  });

  it('re-masks an INTERNAL_SERVER_ERROR passed on by a subgraph, so its text never leaks', () => {
    const format = maskErrors();
    const fromSubgraph = new GraphQLError('connect ECONNREFUSED 10.0.0.7:3306', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });

    const response = format({ message: fromSubgraph.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, fromSubgraph);

    expect(response).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('masks a code from outside the catalogue, such as the gateway’s INVALID_GRAPHQL (the gateway refuses such operations itself, with OPERATION_RESOLUTION_FAILURE)', () => {
    const fromGateway = new GraphQLError('Unknown operation named "B".', { extensions: { code: 'INVALID_GRAPHQL' } });

    const response = maskErrors()({ message: fromGateway.message, extensions: { code: 'INVALID_GRAPHQL' } }, fromGateway);

    expect(response).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('shows a reported fault by its code and message, without its cause', () => {
    const cause = new Error('connect ECONNREFUSED 10.0.0.7:4002');
    const down = reportedFault('SUBGRAPH_UNAVAILABLE', 'The human-capital subgraph is unavailable; its fields are null.', cause, {
      serviceName: 'human-capital',
    });

    const response = maskErrors()(
      { message: down.message, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'human-capital' } },
      down,
    );

    expect(response).toEqual({
      message: 'The human-capital subgraph is unavailable; its fields are null.',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'human-capital' },
    });
  });

  it('gives an uncoded error Apollo answers with a 4xx the code BAD_REQUEST and a message that says what to fix', () => {
    const mismatch = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });

    const response = maskErrors()({ message: mismatch.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, mismatch);

    expect(response.extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(response.message).toMatch(/sha256Hash is not the SHA-256 of the query/);
  });
});

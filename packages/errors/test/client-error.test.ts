import { GraphQLError } from 'graphql';
import { clientError } from '../src';

describe('clientError', () => {
  it('is a GraphQLError carrying the catalogue code, the message and the details', () => {
    const error = clientError('PAGE_SIZE_EXCEEDED', '`first` must be between 0 and 100; it was 500.', { maxPageSize: 100 });

    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe('`first` must be between 0 and 100; it was 500.');
    expect(error.extensions).toEqual({ code: 'PAGE_SIZE_EXCEEDED', maxPageSize: 100 });
  });

  it('asks for HTTP status 401 on UNAUTHENTICATED, so clients and proxies see a missing login', () => {
    expect(clientError('UNAUTHENTICATED', 'The bearer token has expired.').extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
  });

  it('leaves the HTTP status alone for other client faults, which keep 200 with errors', () => {
    expect(clientError('FORBIDDEN', 'Talent.email needs the talent:read scope.').extensions).toEqual({ code: 'FORBIDDEN' });
    expect(clientError('INVALID_CURSOR', 'Bad cursor.').extensions).not.toHaveProperty('http');
  });
});

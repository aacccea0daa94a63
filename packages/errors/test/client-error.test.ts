import { GraphQLError } from 'graphql';
import { clientError, requestError } from '../src';

describe('clientError', () => {
  it('is a GraphQLError carrying the catalogue code, the message and the details', () => {
    const error = clientError('PAGE_SIZE_EXCEEDED', '`first` must be between 0 and 100; it was 500.', { maxPageSize: 100 });

    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe('`first` must be between 0 and 100; it was 500.');
    expect(error.extensions).toEqual({ code: 'PAGE_SIZE_EXCEEDED', maxPageSize: 100 });
  });

  it('leaves the HTTP status alone for a field’s error, so a partial answer keeps 200', () => {
    expect(clientError('UNAUTHENTICATED', 'Lab.talent needs a bearer token.').extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(clientError('FORBIDDEN', 'Talent.email needs the talent:read scope.').extensions).toEqual({ code: 'FORBIDDEN' });
    expect(clientError('INVALID_CURSOR', 'Bad cursor.').extensions).not.toHaveProperty('http');
  });
});

describe('requestError', () => {
  it('refuses the whole request with the status the catalogue gives its code', () => {
    expect(requestError('UNAUTHENTICATED', 'The bearer token has expired.').extensions).toEqual({
      code: 'UNAUTHENTICATED',
      http: { status: 401 },
    });
    expect(requestError('OPERATION_TOO_DEEP', 'Too deep.', { limit: 15 }).extensions).toEqual({
      code: 'OPERATION_TOO_DEEP',
      limit: 15,
      http: { status: 400 },
    });
  });
});

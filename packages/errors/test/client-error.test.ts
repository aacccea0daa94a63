import { GraphQLError } from 'graphql';
import { clientError } from '../src';

describe('clientError', () => {
  it('is a GraphQLError carrying the catalogue code, the message and the details', () => {
    const error = clientError('PAGE_SIZE_EXCEEDED', '`first` must be between 0 and 100; it was 500.', { maxPageSize: 100 });

    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe('`first` must be between 0 and 100; it was 500.');
    expect(error.extensions).toEqual({ code: 'PAGE_SIZE_EXCEEDED', maxPageSize: 100 });
  });

  it('asks for an HTTP status only when the error refuses the whole request, such as a bad token', () => {
    expect(clientError('UNAUTHENTICATED', 'The bearer token has expired.', undefined, 401).extensions).toEqual({
      code: 'UNAUTHENTICATED',
      http: { status: 401 },
    });
  });

  it('leaves the HTTP status alone for a field’s error, so a partial answer keeps 200', () => {
    expect(clientError('UNAUTHENTICATED', 'Lab.talent needs a bearer token.').extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(clientError('FORBIDDEN', 'Talent.email needs the talent:read scope.').extensions).toEqual({ code: 'FORBIDDEN' });
    expect(clientError('INVALID_CURSOR', 'Bad cursor.').extensions).not.toHaveProperty('http');
  });
});

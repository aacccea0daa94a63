import { GraphQLError } from 'graphql';
import { anonymous, assertScope, hasScope, type AuthContext } from '../src';

const reader: AuthContext = { subject: 'editor-7', authenticated: true, scopes: new Set(['talent:read']) };
const writer: AuthContext = {
  subject: 'editor-8',
  authenticated: true,
  scopes: new Set(['research-innovation:write', 'human-capital:write']),
};
const noScopes: AuthContext = { subject: 'editor-9', authenticated: true, scopes: new Set() };

function refusal(auth: AuthContext, scope: string, what: string): GraphQLError {
  try {
    assertScope(auth, scope, what);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error('expected assertScope to throw');
}

describe('assertScope', () => {
  it('lets a token with the scope through', () => {
    expect(() => assertScope(reader, 'talent:read', 'Query.talents')).not.toThrow();
  });

  it('asks an anonymous caller to log in: UNAUTHENTICATED, naming the field and the scope', () => {
    const error = refusal(anonymous, 'talent:read', 'Query.talents');

    expect(error.message).toBe('Query.talents needs a bearer token with the talent:read scope.');
    // A field's refusal: no HTTP status, so the rest of the answer still arrives with 200.
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', requiredScope: 'talent:read' });
  });

  it('tells a token without the scope it is FORBIDDEN, listing the scopes it does have', () => {
    const error = refusal(writer, 'talent:read', 'Lab.talent');

    expect(error.message).toBe('Lab.talent needs the talent:read scope; this token has research-innovation:write, human-capital:write.');
    expect(error.extensions).toEqual({ code: 'FORBIDDEN', requiredScope: 'talent:read' });
  });

  it('says so when a token has no scopes at all', () => {
    expect(refusal(noScopes, 'talent:read', 'Query.talent').message).toBe(
      'Query.talent needs the talent:read scope; this token has no scopes.',
    );
  });
});

describe('hasScope', () => {
  it('tells whether the caller holds a scope', () => {
    expect(hasScope(reader, 'talent:read')).toBe(true);
    expect(hasScope(reader, 'human-capital:write')).toBe(false);
    expect(hasScope(anonymous, 'talent:read')).toBe(false);
  });
});

import { clientError } from '@nlai/errors';

/** Who is calling, as far as a verified bearer token says. */
export interface AuthContext {
  /** The token's `sub`, or null for an anonymous caller. */
  readonly subject: string | null;
  readonly authenticated: boolean;
  readonly scopes: ReadonlySet<string>;
}

export const anonymous: AuthContext = Object.freeze({ subject: null, authenticated: false, scopes: new Set<string>() });

export function hasScope(auth: AuthContext, scope: string): boolean {
  return auth.scopes.has(scope);
}

/**
 * Throws UNAUTHENTICATED for an anonymous caller and FORBIDDEN for a token
 * without the scope; `what` names the guarded thing in the message.
 */
export function assertScope(auth: AuthContext, scope: string, what: string): void {
  if (auth.scopes.has(scope)) return;
  if (!auth.authenticated) {
    throw clientError('UNAUTHENTICATED', `${what} needs a bearer token with the ${scope} scope.`, { requiredScope: scope });
  }
  throw clientError(
    'FORBIDDEN',
    `${what} needs the ${scope} scope; this token has ${auth.scopes.size ? [...auth.scopes].join(', ') : 'no scopes'}.`,
    {
      requiredScope: scope,
    },
  );
}

import jwt from 'jsonwebtoken';
import { clientError } from '@nlai/errors';
import { anonymous, type AuthContext } from './auth-context';

/** How tokens are checked; shared by the gateway and every subgraph. */
export interface TokenOptions {
  /** HMAC key for HS256. */
  secret: string;
  /** Required `iss` claim, when set. */
  issuer?: string;
  /** Required `aud` claim, when set. */
  audience?: string;
}

// Pinned: a token that names any other algorithm (`none` included) is refused.
const algorithms: jwt.Algorithm[] = ['HS256'];

/**
 * Turns an Authorization header into an AuthContext. No header means an
 * anonymous caller; a header that is not a valid, unexpired bearer token
 * signed with our key is UNAUTHENTICATED, never silently anonymous.
 */
export function authenticate(authorization: string | undefined, options: TokenOptions): AuthContext {
  if (authorization === undefined || authorization === '') return anonymous;
  // The scheme is case-insensitive (RFC 9110).
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(authorization.trim());
  if (!match) throw clientError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
  let claims: jwt.JwtPayload;
  try {
    const verified = jwt.verify(match[1]!, options.secret, {
      algorithms,
      ...(options.issuer ? { issuer: options.issuer } : {}),
      ...(options.audience ? { audience: options.audience } : {}),
    });
    if (typeof verified === 'string') throw new Error('token payload is not a JSON object');
    claims = verified;
  } catch (error) {
    const reason = error instanceof jwt.TokenExpiredError ? 'The bearer token has expired.' : 'The bearer token is not valid.';
    throw clientError('UNAUTHENTICATED', reason);
  }
  if (typeof claims.exp !== 'number') throw clientError('UNAUTHENTICATED', 'The bearer token has no expiry (exp).');
  const scope = typeof claims.scope === 'string' ? claims.scope : '';
  return Object.freeze({
    subject: typeof claims.sub === 'string' ? claims.sub : null,
    authenticated: true,
    scopes: new Set(scope.split(' ').filter(Boolean)),
  });
}

/** Options of {@link signToken}. */
export interface SignTokenOptions extends TokenOptions {
  scopes: string[];
  /** `sub` claim. Default: "nlai-dev". */
  subject?: string;
  /** Lifetime in seconds. Default: 8 hours. */
  expiresInSeconds?: number;
}

/** Signs an HS256 token carrying the given scopes. */
export function signToken(options: SignTokenOptions): string {
  return jwt.sign({ scope: options.scopes.join(' ') }, options.secret, {
    algorithm: 'HS256',
    subject: options.subject ?? 'nlai-dev',
    expiresIn: options.expiresInSeconds ?? 8 * 60 * 60,
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
  });
}

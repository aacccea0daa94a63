import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { requestError } from '@nlai/errors';
import { anonymous, type AuthContext } from './auth-context';
import { JwksKeys } from './jwks-keys';

/** How tokens are checked; shared by the gateway and every subgraph. Exactly one of `secret` and `jwksUrl`. */
export interface TokenOptions {
  /** HMAC key: tokens are HS256. */
  secret?: string;
  /** A JSON Web Key Set: tokens are RS256/ES256/PS256, signed by one of its keys (`kid`). */
  jwksUrl?: string;
  /** Required `iss` claim, when set. */
  issuer?: string;
  /** Required `aud` claim, when set. */
  audience?: string;
  /** Longest lifetime accepted, `exp` − `iat` (or `exp` − now without `iat`), in seconds. Default: 24 hours. */
  maxLifetimeSeconds?: number;
  /** How far ahead of this clock `iat` may lie, in seconds. Default: 60. */
  clockSkewSeconds?: number;
}

// Pinned per key kind: a token naming any other algorithm (`none`, or HS256
// against a public key) is refused.
const hmacAlgorithms: jwt.Algorithm[] = ['HS256'];
const publicKeyAlgorithms: jwt.Algorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

// These refuse the whole request, so they carry UNAUTHENTICATED's status (401).
const invalid = (reason = 'The bearer token is not valid.') => requestError('UNAUTHENTICATED', reason);

function bearerToken(authorization: string): string {
  // The scheme is case-insensitive (RFC 9110).
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(authorization.trim());
  if (!match) throw invalid('The Authorization header must be "Bearer <token>".');
  return match[1]!;
}

function verified(token: string, key: string | KeyObject, algorithms: jwt.Algorithm[], options: TokenOptions): AuthContext {
  let claims: jwt.JwtPayload;
  const skew = options.clockSkewSeconds ?? 60;
  try {
    const payload = jwt.verify(token, key, {
      algorithms,
      ...(options.issuer ? { issuer: options.issuer } : {}),
      ...(options.audience ? { audience: options.audience } : {}),
    });
    if (typeof payload === 'string') throw new Error('token payload is not a JSON object');
    claims = payload;
  } catch (error) {
    throw invalid(error instanceof jwt.TokenExpiredError ? 'The bearer token has expired.' : undefined);
  }
  if (typeof claims.exp !== 'number') throw invalid('The bearer token has no expiry (exp).');
  // A stolen token that never expires is stolen for good: lifetimes are capped, and iat cannot lie ahead.
  const now = Math.floor(Date.now() / 1000);
  const maxLifetime = options.maxLifetimeSeconds ?? 24 * 60 * 60;
  if (typeof claims.iat === 'number' && claims.iat > now + skew) throw invalid('The bearer token is issued in the future (iat).');
  if (claims.exp - (typeof claims.iat === 'number' ? claims.iat : now) > maxLifetime)
    throw invalid(`The bearer token lives longer than the ${maxLifetime} s this graph accepts.`);
  const scope = typeof claims.scope === 'string' ? claims.scope : '';
  return Object.freeze({
    subject: typeof claims.sub === 'string' ? claims.sub : null,
    authenticated: true,
    scopes: new Set(scope.split(' ').filter(Boolean)),
  });
}

/**
 * Turns an Authorization header into an AuthContext, for HS256 tokens. No
 * header means an anonymous caller; a header that is not a valid, unexpired
 * bearer token signed with our key is UNAUTHENTICATED, never silently anonymous.
 */
export function authenticate(authorization: string | undefined, options: TokenOptions): AuthContext {
  if (authorization === undefined || authorization === '') return anonymous;
  if (!options.secret) throw new Error('authenticate() checks HS256 tokens; use createAuthenticator() for a key set');
  return verified(bearerToken(authorization), options.secret, hmacAlgorithms, options);
}

/** Checks Authorization headers with an HMAC secret or, when configured, a JSON Web Key Set. */
export type Authenticator = (authorization: string | undefined) => Promise<AuthContext>;

/** One authenticator per process: with a key set, keys are fetched once and cached by `kid`. */
export function createAuthenticator(options: TokenOptions): Authenticator {
  if (!options.jwksUrl) return async (authorization) => authenticate(authorization, options);
  const keys = new JwksKeys(options.jwksUrl);
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return anonymous;
    const token = bearerToken(authorization);
    const header = jwt.decode(token, { complete: true })?.header;
    if (!header?.kid || !publicKeyAlgorithms.includes(header.alg as jwt.Algorithm)) throw invalid();
    const key = await keys.get(header.kid);
    if (!key) throw invalid();
    return verified(token, key, publicKeyAlgorithms, options);
  };
}

/** Options of {@link signToken}. */
export interface SignTokenOptions {
  /** HS256 key. */
  secret: string;
  scopes: string[];
  /** `sub` claim. Default: "nlai-dev". */
  subject?: string;
  /** Lifetime in seconds. Default: 8 hours. */
  expiresInSeconds?: number;
  issuer?: string;
  audience?: string;
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

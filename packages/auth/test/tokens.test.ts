import { GraphQLError } from 'graphql';
import jwt from 'jsonwebtoken';
import { authenticate, signToken, type TokenOptions } from '../src';

const secret = 'a-test-secret-of-at-least-thirty-two-characters';
const options: TokenOptions = { secret };

/** Runs authenticate and returns the client error it throws. */
function refusal(authorization: string, tokenOptions: TokenOptions = options): { message: string; extensions: Record<string, unknown> } {
  try {
    authenticate(authorization, tokenOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return { message: (error as GraphQLError).message, extensions: { ...(error as GraphQLError).extensions } };
  }
  throw new Error('expected authenticate to refuse the header');
}

const unauthenticated = { code: 'UNAUTHENTICATED', http: { status: 401 } };

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('authenticate', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const limited: TokenOptions = { secret, maxLifetimeSeconds: 24 * 60 * 60, clockSkewSeconds: 60 };
  const signedWith = (claims: Record<string, unknown>) =>
    `Bearer ${jwt.sign({ scope: 'talent:read', sub: 'x', ...claims }, secret, { algorithm: 'HS256' })}`;

  it.each([
    ['an expiry in the year 9999', { iat: now(), exp: 253402300799 }],
    ['a lifetime of 25 hours', { iat: now(), exp: now() + 25 * 60 * 60 }],
    ['an expiry beyond the maximum and no iat', { exp: now() + 25 * 60 * 60 }],
  ])('refuses a token with %s: longer than the configured maximum lifetime', (_case, claims) => {
    expect(refusal(signedWith(claims), limited)).toEqual({
      message: 'The bearer token lives longer than the 86400 s this graph accepts.',
      extensions: unauthenticated,
    });
  });

  it('refuses a token issued in the future, beyond the clock-skew allowance', () => {
    expect(refusal(signedWith({ iat: now() + 3600, exp: now() + 7200 }), limited)).toEqual({
      message: 'The bearer token is issued in the future (iat).',
      extensions: unauthenticated,
    });
  });

  it('accepts a 24-hour token, and one issued a few seconds ahead of our clock', () => {
    expect(authenticate(signedWith({ iat: now(), exp: now() + 24 * 60 * 60 }), limited).authenticated).toBe(true);
    expect(authenticate(signedWith({ iat: now() + 30, exp: now() + 3600 }), limited).authenticated).toBe(true);
  });

  it('treats a request without an Authorization header as anonymous', () => {
    for (const header of [undefined, '']) {
      const auth = authenticate(header, options);
      expect(auth.authenticated).toBe(false);
      expect(auth.subject).toBeNull();
      expect([...auth.scopes]).toEqual([]);
    }
  });

  it('reads the subject and the scopes of a valid bearer token', () => {
    const token = signToken({ secret, scopes: ['talent:read', 'human-capital:write'], subject: 'editor-7' });

    const auth = authenticate(`Bearer ${token}`, options);

    expect(auth.authenticated).toBe(true);
    expect(auth.subject).toBe('editor-7');
    expect([...auth.scopes].sort()).toEqual(['human-capital:write', 'talent:read']);
  });

  it('gives a token without scopes no scopes, but still counts it as authenticated', () => {
    const auth = authenticate(`Bearer ${signToken({ secret, scopes: [] })}`, options);

    expect(auth.authenticated).toBe(true);
    expect(auth.scopes.size).toBe(0);
  });

  it.each([
    ['a header without the Bearer scheme', () => signToken({ secret, scopes: [] })],
    ['Basic credentials', () => 'Basic dXNlcjpwYXNzd29yZA=='],
    ['"Bearer" with no token', () => 'Bearer '],
    ['a token that is not three dot-separated parts', () => 'Bearer abc.def'],
  ])('refuses %s as UNAUTHENTICATED, rather than treating the caller as anonymous', (_case, header) => {
    expect(refusal(header())).toEqual({ message: 'The Authorization header must be "Bearer <token>".', extensions: unauthenticated });
  });

  it('refuses an unsigned token (alg "none")', () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ scope: 'talent:read', sub: 'x', exp: Math.floor(Date.now() / 1000) + 600 })}.`;

    expect(refusal(`Bearer ${token}`)).toEqual({ message: 'The bearer token is not valid.', extensions: unauthenticated });
  });

  it('refuses a token signed with another key', () => {
    const token = signToken({ secret: 'another-secret-of-at-least-thirty-two-characters', scopes: ['talent:read'] });

    expect(refusal(`Bearer ${token}`)).toEqual({ message: 'The bearer token is not valid.', extensions: unauthenticated });
  });

  it('refuses a token signed with our key but another algorithm than HS256', () => {
    const token = jwt.sign({ scope: 'talent:read' }, secret, { algorithm: 'HS512', expiresIn: 600 });

    expect(refusal(`Bearer ${token}`).extensions).toEqual(unauthenticated);
  });

  it('refuses a token whose payload was changed after signing', () => {
    const [header, , signature] = signToken({ secret, scopes: [] }).split('.');
    const forgedPayload = base64url({
      scope: 'talent:read human-capital:write',
      sub: 'nlai-dev',
      exp: Math.floor(Date.now() / 1000) + 600,
    });

    expect(refusal(`Bearer ${header}.${forgedPayload}.${signature}`)).toEqual({
      message: 'The bearer token is not valid.',
      extensions: unauthenticated,
    });
  });

  it('refuses an expired token, saying that it expired', () => {
    const token = jwt.sign({ scope: 'talent:read', exp: Math.floor(Date.now() / 1000) - 60 }, secret, { algorithm: 'HS256' });

    expect(refusal(`Bearer ${token}`)).toEqual({ message: 'The bearer token has expired.', extensions: unauthenticated });
  });

  it('refuses a token without an expiry, which would be valid forever', () => {
    const token = jwt.sign({ scope: 'talent:read' }, secret, { algorithm: 'HS256' });

    expect(refusal(`Bearer ${token}`)).toEqual({ message: 'The bearer token has no expiry (exp).', extensions: unauthenticated });
  });

  it('checks the issuer and audience when they are configured', () => {
    const strict = { secret, issuer: 'https://login.nlai.example', audience: 'nlai-graph' } satisfies TokenOptions;
    const right = signToken({ ...strict, scopes: ['talent:read'] });
    const wrongIssuer = signToken({ ...strict, issuer: 'https://evil.example', scopes: ['talent:read'] });
    const wrongAudience = signToken({ ...strict, audience: 'another-api', scopes: ['talent:read'] });
    const neither = signToken({ secret, scopes: ['talent:read'] });

    expect(authenticate(`Bearer ${right}`, strict).scopes.has('talent:read')).toBe(true);
    for (const token of [wrongIssuer, wrongAudience, neither]) {
      expect(refusal(`Bearer ${token}`, strict)).toEqual({ message: 'The bearer token is not valid.', extensions: unauthenticated });
    }
  });

  it('does not require an issuer or audience when none is configured', () => {
    const token = signToken({ secret, issuer: 'https://login.nlai.example', audience: 'nlai-graph', scopes: ['talent:read'] });

    expect(authenticate(`Bearer ${token}`, options).authenticated).toBe(true);
  });
});

describe('signToken', () => {
  it('signs an HS256 token that expires after eight hours by default, for subject nlai-dev', () => {
    const token = signToken({ secret, scopes: ['talent:read'] });

    const { header, payload } = jwt.verify(token, secret, { complete: true }) as jwt.Jwt & { payload: jwt.JwtPayload };
    expect(header.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'nlai-dev', scope: 'talent:read' });
    expect(payload.exp! - payload.iat!).toBe(8 * 60 * 60);
  });

  it('puts the scopes space-separated in the scope claim and honours subject and lifetime', () => {
    const token = signToken({ secret, scopes: ['talent:read', 'research-innovation:write'], subject: 'robot', expiresInSeconds: 60 });

    const payload = jwt.verify(token, secret) as jwt.JwtPayload;
    expect(payload).toMatchObject({ sub: 'robot', scope: 'talent:read research-innovation:write' });
    expect(payload.exp! - payload.iat!).toBe(60);
  });
});

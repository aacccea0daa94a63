import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { createAuthenticator } from '../src';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

const jwk = (key: KeyObject, kid: string, alg: string) => ({ ...key.export({ format: 'jwk' }), kid, alg, use: 'sig' });
const sign = (privateKey: KeyObject, kid: string, algorithm: jwt.Algorithm, payload: object = { scope: 'talent:read' }, expiresIn = 600) =>
  jwt.sign(payload, privateKey, { algorithm, keyid: kid, expiresIn });

describe('tokens checked against a JSON Web Key Set', () => {
  let server: Server;
  let url: string;
  let fetches = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      fetches += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk(rsa.publicKey, 'rsa-1', 'RS256'), jwk(ec.publicKey, 'ec-1', 'ES256')] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('accepts RS256 and ES256 tokens signed by a key of the set, fetching the set once', async () => {
    const authenticate = createAuthenticator({ jwksUrl: url });
    fetches = 0;
    expect((await authenticate(`Bearer ${sign(rsa.privateKey, 'rsa-1', 'RS256')}`)).scopes.has('talent:read')).toBe(true);
    expect((await authenticate(`Bearer ${sign(ec.privateKey, 'ec-1', 'ES256')}`)).scopes.has('talent:read')).toBe(true);
    expect(fetches).toBe(1);
  });

  it.each([
    ['signed by a key outside the set', () => sign(stranger.privateKey, 'rsa-1', 'RS256')],
    ['with an unknown kid', () => sign(stranger.privateKey, 'stranger', 'RS256')],
    ['expired', () => sign(rsa.privateKey, 'rsa-1', 'RS256', { scope: 'talent:read' }, -10)],
    [
      'HS256 with the public key as secret (algorithm confusion)',
      () =>
        jwt.sign({ scope: 'talent:read' }, rsa.publicKey.export({ format: 'pem', type: 'spki' }), {
          algorithm: 'HS256',
          keyid: 'rsa-1',
          expiresIn: 600,
        }),
    ],
  ])('refuses a token %s with UNAUTHENTICATED', async (_name, token) => {
    const authenticate = createAuthenticator({ jwksUrl: url });
    await expect(authenticate(`Bearer ${token()}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('treats a missing header as anonymous', async () => {
    expect((await createAuthenticator({ jwksUrl: url })(undefined)).authenticated).toBe(false);
  });
});

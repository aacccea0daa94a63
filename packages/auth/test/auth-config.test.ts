import { ConfigError, env, loadConfig, z } from '@nlai/config';
import { authEnvironment, developmentSecret, tokenKeyVariables, tokenOptionsFrom } from '../src';

const schema = z.object({ NODE_ENV: env.nodeEnv(), ...authEnvironment });
const load = (environment: Record<string, string>) => tokenOptionsFrom(loadConfig(schema, environment, { requiredInProduction: [tokenKeyVariables] }));

describe('token configuration', () => {
  it('falls back to the public development key outside production', () => {
    expect(load({ NODE_ENV: 'development' })).toEqual({ secret: developmentSecret });
    expect(load({})).toEqual({ secret: developmentSecret });
  });

  it('refuses to start in production without a secret or a key set, naming both variables', () => {
    expect(() => load({ NODE_ENV: 'production' })).toThrow(new ConfigError(['AUTH_JWT_SECRET or AUTH_JWKS_URL: required in production']));
  });

  it('uses the configured secret, issuer and audience', () => {
    const secret = 'p'.repeat(40);
    expect(load({ NODE_ENV: 'production', AUTH_JWT_SECRET: secret, AUTH_JWT_ISSUER: 'https://login.nlai.example', AUTH_JWT_AUDIENCE: 'nlai-graph' })).toEqual({
      secret,
      issuer: 'https://login.nlai.example',
      audience: 'nlai-graph',
    });
  });

  it('prefers a key set over the development key, and accepts it in production', () => {
    expect(load({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://login.nlai.example/jwks.json' })).toEqual({ jwksUrl: 'https://login.nlai.example/jwks.json' });
  });

  it('returns frozen options', () => {
    expect(Object.isFrozen(load({}))).toBe(true);
  });

  it('refuses a secret shorter than 32 characters, naming the variable', () => {
    expect(() => loadConfig(z.object(authEnvironment), { AUTH_JWT_SECRET: 'short' })).toThrow(
      new ConfigError(['AUTH_JWT_SECRET: expected at least 32 characters (an HS256 key)']),
    );
  });
});

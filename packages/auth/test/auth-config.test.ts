import { ConfigError, loadConfig, z } from '@nlai/config';
import { authEnvironment, developmentSecret, tokenOptionsFrom } from '../src';

describe('tokenOptionsFrom', () => {
  it('falls back to the public development key outside production', () => {
    expect(tokenOptionsFrom({ NODE_ENV: 'development' })).toEqual({ secret: developmentSecret });
    expect(tokenOptionsFrom({ NODE_ENV: 'test' })).toEqual({ secret: developmentSecret });
  });

  it('refuses to start in production without AUTH_JWT_SECRET', () => {
    expect(() => tokenOptionsFrom({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => tokenOptionsFrom({ NODE_ENV: 'production' })).toThrow(/AUTH_JWT_SECRET/);
  });

  it('uses the configured secret, issuer and audience', () => {
    const secret = 'p'.repeat(40);

    expect(tokenOptionsFrom({ NODE_ENV: 'production', AUTH_JWT_SECRET: secret, AUTH_JWT_ISSUER: 'https://login.nlai.example', AUTH_JWT_AUDIENCE: 'nlai-graph' })).toEqual({
      secret,
      issuer: 'https://login.nlai.example',
      audience: 'nlai-graph',
    });
  });

  it('returns frozen options', () => {
    expect(Object.isFrozen(tokenOptionsFrom({ NODE_ENV: 'test' }))).toBe(true);
  });
});

describe('authEnvironment', () => {
  it('refuses a secret shorter than 32 characters, naming the variable', () => {
    expect(() => loadConfig(z.object(authEnvironment), { AUTH_JWT_SECRET: 'short' })).toThrow(
      new ConfigError(['AUTH_JWT_SECRET: expected at least 32 characters (an HS256 key)']),
    );
  });
});

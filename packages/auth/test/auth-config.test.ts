import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, env, loadConfig, z } from '@nlai/config';
import { authEnvironment, developmentSecret, subgraphSecret, tokenKeyVariables, tokenOptionsFrom } from '../src';

const schema = z.object({ NODE_ENV: env.nodeEnv(), ...authEnvironment });
const load = (environment: Record<string, string>) =>
  tokenOptionsFrom(loadConfig(schema, environment, { requiredInProduction: [tokenKeyVariables] }));
const lifetimes = { maxLifetimeSeconds: 24 * 60 * 60, clockSkewSeconds: 60 };
const privateSecret = '3f9c1a7be2d84c60a5f1e9b27d4c8a03b6e5f2d19c7a4b80e3d6f1a2c9b5e784';

describe('token configuration', () => {
  it('falls back to the public development key outside production', () => {
    expect(load({ NODE_ENV: 'development' })).toEqual({ secret: developmentSecret, ...lifetimes });
    expect(load({})).toEqual({ secret: developmentSecret, ...lifetimes });
  });

  it('refuses to start in production without a secret or a key set, naming both variables', () => {
    expect(() => load({ NODE_ENV: 'production' })).toThrow(new ConfigError(['AUTH_JWT_SECRET or AUTH_JWKS_URL: required in production']));
  });

  it('uses the configured secret, issuer and audience', () => {
    const secret = privateSecret;
    expect(
      load({
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: secret,
        AUTH_JWT_ISSUER: 'https://login.nlai.example',
        AUTH_JWT_AUDIENCE: 'nlai-graph',
      }),
    ).toEqual({
      secret,
      ...lifetimes,
      issuer: 'https://login.nlai.example',
      audience: 'nlai-graph',
    });
  });

  it('prefers a key set over the development key, and accepts it in production', () => {
    expect(load({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://login.nlai.example/jwks.json' })).toEqual({
      jwksUrl: 'https://login.nlai.example/jwks.json',
      ...lifetimes,
    });
  });

  it('returns frozen options', () => {
    expect(Object.isFrozen(load({}))).toBe(true);
  });

  it('refuses a secret shorter than 32 characters, naming the variable', () => {
    expect(() => loadConfig(z.object(authEnvironment), { AUTH_JWT_SECRET: 'short' })).toThrow(
      new ConfigError(['AUTH_JWT_SECRET: expected at least 32 characters (an HS256 key); make one with `openssl rand -hex 32`']),
    );
  });

  const both = z.object({ ...authEnvironment, SOME_SUBGRAPH_SECRET: subgraphSecret() });
  const problems = (environment: Record<string, string>) => {
    try {
      loadConfig(both, environment);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('refuses the published development key as a token secret or a subgraph secret, saying how to make one', () => {
    expect(problems({ AUTH_JWT_SECRET: developmentSecret, SOME_SUBGRAPH_SECRET: developmentSecret })).toEqual([
      'AUTH_JWT_SECRET: this key is published in the nlai-graph repository, so anyone can sign with it; make a private one with `openssl rand -hex 32`',
      'SOME_SUBGRAPH_SECRET: this key is published in the nlai-graph repository, so anyone can sign with it; make a private one with `openssl rand -hex 32`',
    ]);
  });

  it('refuses a key that is long but not random (a repeated character)', () => {
    expect(problems({ AUTH_JWT_SECRET: 'p'.repeat(40), SOME_SUBGRAPH_SECRET: 'ab'.repeat(20) })).toEqual([
      'AUTH_JWT_SECRET: this key repeats a few characters, so it can be guessed; make a random one with `openssl rand -hex 32`',
      'SOME_SUBGRAPH_SECRET: this key repeats a few characters, so it can be guessed; make a random one with `openssl rand -hex 32`',
    ]);
  });

  it('accepts a key made with openssl rand -hex 32', () => {
    expect(problems({ AUTH_JWT_SECRET: privateSecret, SOME_SUBGRAPH_SECRET: privateSecret.split('').reverse().join('') })).toEqual([]);
  });

  it('refuses every secret value written in the repository’s docs and compose files', () => {
    const root = join(__dirname, '../../..');
    const docs = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md'));
    const files = ['README.md', 'docker-compose.yml', ...docs.map((name) => `docs/${name}`)];
    for (const service of readdirSync(join(root, 'services'))) files.push(`services/${service}/README.md`);
    const documented = files.flatMap((file) => {
      let text = '';
      try {
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        return [];
      }
      // `X_SECRET=value`, `X_SECRET: value` and compose defaults `${X_SECRET:-value}`.
      return [...text.matchAll(/_SECRET(?:=|:\s*|:-)["']?([^\s"'`$}]{8,})/g)].map((match) => match[1]!);
    });
    for (const secret of [...documented, developmentSecret]) expect(problems({ AUTH_JWT_SECRET: secret })).not.toEqual([]);
  });
});

describe('token lifetimes', () => {
  it('default to at most 24 hours and 60 seconds of clock skew, and are configurable', () => {
    expect(load({ AUTH_TOKEN_MAX_LIFETIME_SECONDS: '3600', AUTH_CLOCK_SKEW_SECONDS: '5' })).toEqual({
      secret: developmentSecret,
      maxLifetimeSeconds: 3600,
      clockSkewSeconds: 5,
    });
    expect(() => load({ AUTH_TOKEN_MAX_LIFETIME_SECONDS: '0' })).toThrow(/AUTH_TOKEN_MAX_LIFETIME_SECONDS: expected a whole number/);
  });
});

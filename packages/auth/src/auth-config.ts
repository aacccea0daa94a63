import { env, z } from '@nlai/config';
import type { TokenOptions } from './tokens';

/** The key used when no key is configured outside production. Public, so worthless for real data. */
export const developmentSecret = 'nlai-graph-development-secret-never-use-in-production';

/** Keys published in this repository: whoever reads it could sign with them. */
const publishedSecrets = new Set([developmentSecret]);

const howToMakeOne = 'make one with `openssl rand -hex 32`';

/**
 * A signing key from the environment: at least 32 characters, not a key
 * published here, not a repeated pattern. Refused in every environment, so
 * a key that is wrong for production never gets as far as production.
 */
const signingKey = (lengthMessage: string) =>
  z
    .string()
    .min(32, `${lengthMessage}; ${howToMakeOne}`)
    .refine(
      (key) => !publishedSecrets.has(key),
      `this key is published in the nlai-graph repository, so anyone can sign with it; make a private one with \`openssl rand -hex 32\``,
    )
    // Eight distinct characters: `openssl rand -hex 32` has about sixteen; "aaaa…" or "abab…" has one or two.
    .refine(
      (key) => key.length < 32 || publishedSecrets.has(key) || new Set(key).size >= 8,
      'this key repeats a few characters, so it can be guessed; make a random one with `openssl rand -hex 32`',
    );

/** Environment variables for token checking; spread into a service's config schema. */
export const authEnvironment = {
  AUTH_JWT_SECRET: signingKey('expected at least 32 characters (an HS256 key)').optional(),
  /** Alternative to the secret: tokens signed by a key of this JSON Web Key Set. */
  AUTH_JWKS_URL: env.optionalHttpUrl(),
  AUTH_JWT_ISSUER: z.string().optional(),
  AUTH_JWT_AUDIENCE: z.string().optional(),
  /** Longest token lifetime accepted (`exp` − `iat`), in seconds; the token command refuses to mint longer ones. */
  AUTH_TOKEN_MAX_LIFETIME_SECONDS: env.integer(24 * 60 * 60, 60, 31 * 24 * 60 * 60),
  /** How far ahead of this clock a token's `iat` may be, in seconds. */
  AUTH_CLOCK_SKEW_SECONDS: env.integer(60, 0, 600),
};

/** For loadConfig's `requiredInProduction`: a token key of one kind or the other. */
export const tokenKeyVariables = ['AUTH_JWT_SECRET', 'AUTH_JWKS_URL'];

/** A subgraph's own secret, shared only with the gateway that signs its requests. */
export const subgraphSecret = () => signingKey('expected at least 32 characters').optional();

/**
 * Token options from a parsed config: the key set when configured, else the
 * secret, else (outside production; loadConfig refuses production without
 * either) the public development key.
 */
export function tokenOptionsFrom(config: {
  AUTH_JWT_SECRET?: string | undefined;
  AUTH_JWKS_URL?: string | undefined;
  AUTH_JWT_ISSUER?: string | undefined;
  AUTH_JWT_AUDIENCE?: string | undefined;
  AUTH_TOKEN_MAX_LIFETIME_SECONDS: number;
  AUTH_CLOCK_SKEW_SECONDS: number;
}): TokenOptions {
  return Object.freeze({
    ...(config.AUTH_JWKS_URL ? { jwksUrl: config.AUTH_JWKS_URL } : { secret: config.AUTH_JWT_SECRET ?? developmentSecret }),
    ...(config.AUTH_JWT_ISSUER ? { issuer: config.AUTH_JWT_ISSUER } : {}),
    ...(config.AUTH_JWT_AUDIENCE ? { audience: config.AUTH_JWT_AUDIENCE } : {}),
    maxLifetimeSeconds: config.AUTH_TOKEN_MAX_LIFETIME_SECONDS,
    clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
  });
}

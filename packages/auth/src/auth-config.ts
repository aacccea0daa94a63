import { env, z } from '@nlai/config';
import type { TokenOptions } from './tokens';

/** Environment variables for token checking; spread into a service's config schema. */
export const authEnvironment = {
  AUTH_JWT_SECRET: z.string().min(32, 'expected at least 32 characters (an HS256 key)').optional(),
  /** Alternative to the secret: tokens signed by a key of this JSON Web Key Set. */
  AUTH_JWKS_URL: env.optionalHttpUrl(),
  AUTH_JWT_ISSUER: z.string().optional(),
  AUTH_JWT_AUDIENCE: z.string().optional(),
};

/** For loadConfig's `requiredInProduction`: a token key of one kind or the other. */
export const tokenKeyVariables = ['AUTH_JWT_SECRET', 'AUTH_JWKS_URL'];

/** A subgraph's own secret, shared only with the gateway that signs its requests. */
export const subgraphSecret = () => z.string().min(32, 'expected at least 32 characters').optional();

/** The key used when no key is configured outside production. Public, so worthless for real data. */
export const developmentSecret = 'nlai-graph-development-secret-never-use-in-production';

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
}): TokenOptions {
  return Object.freeze({
    ...(config.AUTH_JWKS_URL ? { jwksUrl: config.AUTH_JWKS_URL } : { secret: config.AUTH_JWT_SECRET ?? developmentSecret }),
    ...(config.AUTH_JWT_ISSUER ? { issuer: config.AUTH_JWT_ISSUER } : {}),
    ...(config.AUTH_JWT_AUDIENCE ? { audience: config.AUTH_JWT_AUDIENCE } : {}),
  });
}

import { ConfigError, z } from '@nlai/config';
import type { TokenOptions } from './tokens';

/** Environment variables for token checking; spread into a service's config schema. */
export const authEnvironment = {
  AUTH_JWT_SECRET: z.string().min(32, 'expected at least 32 characters (an HS256 key)').optional(),
  AUTH_JWT_ISSUER: z.string().optional(),
  AUTH_JWT_AUDIENCE: z.string().optional(),
};

/** The key used when AUTH_JWT_SECRET is unset outside production. Public, so worthless for real data. */
export const developmentSecret = 'nlai-graph-development-secret-never-use-in-production';

/**
 * Token options from a parsed config. Outside production an unset secret
 * falls back to the public development key; in production it is an error.
 */
export function tokenOptionsFrom(config: {
  NODE_ENV: string;
  AUTH_JWT_SECRET?: string | undefined;
  AUTH_JWT_ISSUER?: string | undefined;
  AUTH_JWT_AUDIENCE?: string | undefined;
}): TokenOptions {
  const secret = config.AUTH_JWT_SECRET ?? (config.NODE_ENV === 'production' ? undefined : developmentSecret);
  if (!secret) throw new ConfigError(['AUTH_JWT_SECRET: required in production (an HS256 key of at least 32 characters)']);
  return Object.freeze({
    secret,
    ...(config.AUTH_JWT_ISSUER ? { issuer: config.AUTH_JWT_ISSUER } : {}),
    ...(config.AUTH_JWT_AUDIENCE ? { audience: config.AUTH_JWT_AUDIENCE } : {}),
  });
}

import { z } from 'zod';

const flag = () =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
    .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = () =>
  z.coerce
    .number({ message: 'expected a port number' })
    .int('expected a whole port number')
    .min(0, 'expected a port from 0 to 65535')
    .max(65535, 'expected a port from 0 to 65535');

const httpUrl = () => z.url({ protocol: /^https?$/, message: 'expected an http:// or https:// URL' });

/** Reusable field parsers for environment variables; each message says what the variable accepts. */
export const env = {
  /** A TCP port, 0 to 65535 (0 picks a free one). */
  port: (fallback: number) => port().default(fallback),

  /** A port with no default: undefined when unset. */
  optionalPort: () => port().optional(),

  /** An interface to listen on. */
  host: (fallback: string) => z.string().min(1).default(fallback),

  /** A whole number within bounds. */
  integer: (fallback: number, min: number, max: number) =>
    z.coerce
      .number({ message: `expected a whole number from ${min} to ${max}` })
      .int(`expected a whole number from ${min} to ${max}`)
      .min(min, `expected a whole number from ${min} to ${max}`)
      .max(max, `expected a whole number from ${min} to ${max}`)
      .default(fallback),

  /** `true`/`false` (also 1/0, yes/no). */
  flag: (fallback: boolean) => flag().default(fallback),

  /** A flag whose default depends on other settings: undefined when unset. */
  optionalFlag: () => flag().optional(),

  /** An http(s) URL. */
  httpUrl: (fallback: string) => httpUrl().default(fallback),

  /** An http(s) URL with no default: undefined when unset. */
  optionalHttpUrl: () => httpUrl().optional(),

  /** `mysql://user:password@host:port/database`; unset means the embedded SQLite file. */
  databaseUrl: () =>
    z
      .string()
      .regex(/^mysql:\/\/[^/]+\/[A-Za-z0-9_$-]+(\?.*)?$/, 'expected mysql://user:password@host:port/database')
      .optional(),

  nodeEnv: () =>
    z.enum(['development', 'production', 'test'], { message: 'expected development, production or test' }).default('development'),

  logLevel: () =>
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'expected fatal, error, warn, info, debug, trace or silent',
      })
      .default('info'),
};

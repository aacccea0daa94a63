import { z } from 'zod';

/** Thrown when the environment does not fit a service's config schema; lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Environment = Record<string, string | undefined>;

/**
 * Parses environment variables with a zod object schema whose keys are the
 * variable names. Empty or blank strings count as unset, so `FOO= npm start`
 * means "use the default" (and `PORT=" "` is not coerced to port 0).
 * Returns a frozen, typed object.
 */
export function loadConfig<Schema extends z.ZodObject>(schema: Schema, env: Environment): Readonly<z.output<Schema>> {
  const present = Object.fromEntries(
    Object.keys(schema.shape)
      .map((name) => [name, env[name]] as const)
      .filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`));
  }
  return Object.freeze(result.data);
}

import { z } from 'zod';

/** Thrown when the environment does not fit a service's config schema; lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Environment = Record<string, string | undefined>;

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /**
   * Variables that must be set when NODE_ENV is production; an inner list
   * means "one of these" (e.g. a key or the URL of a key set).
   */
  requiredInProduction?: Array<string | string[]>;
}

/**
 * Parses environment variables with a zod object schema whose keys are the
 * variable names. Empty or blank strings count as unset, so `FOO= npm start`
 * means "use the default" (and `PORT=" "` is not coerced to port 0).
 * Returns a frozen, typed object.
 */
export function loadConfig<Schema extends z.ZodObject>(
  schema: Schema,
  env: Environment,
  options: LoadConfigOptions = {},
): Readonly<z.output<Schema>> {
  const present = Object.fromEntries(
    Object.keys(schema.shape)
      .map((name) => [name, env[name]] as const)
      .filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = schema.safeParse(present);
  const problems = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  if (env.NODE_ENV?.trim() === 'production') {
    for (const requirement of options.requiredInProduction ?? []) {
      const alternatives = [requirement].flat();
      if (!alternatives.some((name) => name in present)) problems.push(`${alternatives.join(' or ')}: required in production`);
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return Object.freeze(result.data);
}

import { ConfigError, env, loadConfig, z } from '../src';

const schema = z.object({
  SERVICE_PORT: env.port(4001),
  SERVICE_HOST: env.host('127.0.0.1'),
  SERVICE_TIMEOUT_MS: env.integer(5000, 100, 60_000),
  SERVICE_NAME: z.string(),
});

function problemsOf(environment: Record<string, string | undefined>): string[] {
  try {
    loadConfig(schema, environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig', () => {
  it('returns the parsed values, with defaults for the variables that are unset', () => {
    const config = loadConfig(schema, { SERVICE_NAME: 'labs', SERVICE_PORT: '8080' });

    expect(config).toEqual({ SERVICE_PORT: 8080, SERVICE_HOST: '127.0.0.1', SERVICE_TIMEOUT_MS: 5000, SERVICE_NAME: 'labs' });
  });

  it('treats an empty variable as unset, so `VAR= npm start` means "use the default"', () => {
    const config = loadConfig(schema, { SERVICE_NAME: 'labs', SERVICE_PORT: '', SERVICE_HOST: '' });

    expect(config.SERVICE_PORT).toBe(4001);
    expect(config.SERVICE_HOST).toBe('127.0.0.1');
  });

  it('treats a variable holding only spaces as unset rather than as the number 0', () => {
    // Number(' ') is 0: without this, `SERVICE_PORT=" "` would silently listen on a random port.
    const config = loadConfig(schema, { SERVICE_NAME: 'labs', SERVICE_PORT: '  ', SERVICE_HOST: ' ' });

    expect(config.SERVICE_PORT).toBe(4001);
    expect(config.SERVICE_HOST).toBe('127.0.0.1');
  });

  it('ignores variables the schema does not name', () => {
    const config = loadConfig(schema, { SERVICE_NAME: 'labs', PATH: '/usr/bin', SECRET_OF_ANOTHER_SERVICE: 'x' });

    expect(Object.keys(config).sort()).toEqual(['SERVICE_HOST', 'SERVICE_NAME', 'SERVICE_PORT', 'SERVICE_TIMEOUT_MS']);
  });

  it('returns a frozen object, so no module can change the config after boot', () => {
    const config = loadConfig(schema, { SERVICE_NAME: 'labs' });

    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { SERVICE_PORT: number }).SERVICE_PORT = 1;
    }).toThrow(TypeError);
  });

  it('reports every bad variable at once, each by name with what it accepts', () => {
    const problems = problemsOf({ SERVICE_PORT: 'eighty', SERVICE_TIMEOUT_MS: '5', SERVICE_NAME: undefined });

    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        'SERVICE_PORT: expected a port number',
        'SERVICE_TIMEOUT_MS: expected a whole number from 100 to 60000',
        expect.stringMatching(/^SERVICE_NAME: /),
      ]),
    );
  });

  it('puts every problem in the error message, one per line, for the boot log', () => {
    let message = '';
    try {
      loadConfig(schema, { SERVICE_PORT: '70000' });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toMatch(/^Invalid configuration:\n/);
    expect(message).toContain('\n  - SERVICE_PORT: expected a port from 0 to 65535');
    expect(message).toContain('\n  - SERVICE_NAME: ');
  });

  it('names a cross-field problem "(environment)" when it belongs to no single variable', () => {
    const pair = z
      .object({ FROM: env.integer(1, 0, 10), TO: env.integer(2, 0, 10) })
      .refine((config) => config.FROM <= config.TO, 'FROM must not exceed TO');

    expect(() => loadConfig(pair, { FROM: '9', TO: '3' })).toThrow(new ConfigError(['(environment): FROM must not exceed TO']));
  });
});

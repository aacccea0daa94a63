import { ConfigError, env, loadConfig, z } from '../src';

/** Parses one variable through a field helper; returns the value or the problems reported. */
function parse(field: z.ZodType, value: string | undefined): { value?: unknown; problems?: string[] } {
  try {
    return { value: (loadConfig(z.object({ VARIABLE: field }), { VARIABLE: value }) as { VARIABLE?: unknown }).VARIABLE };
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems };
    throw error;
  }
}

describe('env.port', () => {
  it('accepts a port number and falls back to the default when unset', () => {
    expect(parse(env.port(4001), '8080')).toEqual({ value: 8080 });
    expect(parse(env.port(4001), undefined)).toEqual({ value: 4001 });
  });

  it('accepts 0, which asks the system for a free port', () => {
    expect(parse(env.port(4001), '0')).toEqual({ value: 0 });
  });

  it.each([
    ['a word', 'http', 'expected a port number'],
    ['a fraction', '80.5', 'expected a whole port number'],
    ['a negative number', '-1', 'expected a port from 0 to 65535'],
    ['a number above 65535', '65536', 'expected a port from 0 to 65535'],
  ])('refuses %s, saying what it accepts', (_case, value, message) => {
    expect(parse(env.port(4001), value)).toEqual({ problems: [`VARIABLE: ${message}`] });
  });
});

describe('env.integer', () => {
  it('accepts whole numbers within its bounds, the bounds included', () => {
    expect(parse(env.integer(5, 1, 100), '1')).toEqual({ value: 1 });
    expect(parse(env.integer(5, 1, 100), '100')).toEqual({ value: 100 });
    expect(parse(env.integer(5, 1, 100), undefined)).toEqual({ value: 5 });
  });

  it.each(['0', '101', '2.5', 'five'])('refuses %s with the accepted range in the message', (value) => {
    expect(parse(env.integer(5, 1, 100), value)).toEqual({ problems: ['VARIABLE: expected a whole number from 1 to 100'] });
  });
});

describe('env.flag', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('reads %s as %s', (value, expected) => {
    expect(parse(env.flag(false), value)).toEqual({ value: expected });
  });

  it('falls back to its default when unset', () => {
    expect(parse(env.flag(true), undefined)).toEqual({ value: true });
    expect(parse(env.flag(false), '')).toEqual({ value: false });
  });

  it('refuses anything else rather than guessing', () => {
    expect(parse(env.flag(false), 'on')).toEqual({ problems: ['VARIABLE: expected true or false'] });
  });
});

describe('env.optionalFlag', () => {
  it('is undefined when unset, so the service can derive the default from other settings', () => {
    expect(parse(env.optionalFlag(), undefined)).toEqual({ value: undefined });
  });

  it('reads a set value like env.flag does', () => {
    expect(parse(env.optionalFlag(), 'no')).toEqual({ value: false });
    expect(parse(env.optionalFlag(), 'yes')).toEqual({ value: true });
    expect(parse(env.optionalFlag(), 'maybe')).toEqual({ problems: ['VARIABLE: expected true or false'] });
  });
});

describe('env.httpUrl', () => {
  it('accepts http and https URLs', () => {
    expect(parse(env.httpUrl('http://127.0.0.1:4001/graphql'), 'http://10.0.0.7:4001/graphql')).toEqual({
      value: 'http://10.0.0.7:4001/graphql',
    });
    expect(parse(env.httpUrl('http://127.0.0.1:4001/graphql'), 'https://graph.example.nl/graphql')).toEqual({
      value: 'https://graph.example.nl/graphql',
    });
  });

  it('falls back to its default when unset', () => {
    expect(parse(env.httpUrl('http://127.0.0.1:4001/graphql'), undefined)).toEqual({ value: 'http://127.0.0.1:4001/graphql' });
  });

  it.each(['127.0.0.1:4001', 'ftp://example.nl/file', 'javascript:alert(1)', 'not a url'])('refuses %s', (value) => {
    expect(parse(env.httpUrl('http://127.0.0.1:4001/graphql'), value)).toEqual({
      problems: ['VARIABLE: expected an http:// or https:// URL'],
    });
  });
});

describe('env.optionalHttpUrl', () => {
  it('is undefined when unset and accepts an http(s) URL when set', () => {
    expect(parse(env.optionalHttpUrl(), undefined)).toEqual({ value: undefined });
    expect(parse(env.optionalHttpUrl(), 'https://graph.example.nl/graphql')).toEqual({ value: 'https://graph.example.nl/graphql' });
  });

  it('refuses a URL of another protocol', () => {
    expect(parse(env.optionalHttpUrl(), 'mailto:ops@example.nl')).toEqual({ problems: ['VARIABLE: expected an http:// or https:// URL'] });
  });
});

describe('env.databaseUrl', () => {
  it('accepts a mysql URL naming a database, with or without credentials and options', () => {
    for (const url of [
      'mysql://root@127.0.0.1:3306/nlai',
      'mysql://app:s3cret@db.internal:3306/research_innovation',
      'mysql://db/nlai?ssl=true',
    ]) {
      expect(parse(env.databaseUrl(), url)).toEqual({ value: url });
    }
  });

  it('is undefined when unset, which means the embedded SQLite file', () => {
    expect(parse(env.databaseUrl(), undefined)).toEqual({ value: undefined });
  });

  it.each(['postgres://root@127.0.0.1/nlai', 'mysql://root@127.0.0.1:3306', 'mysql://root@127.0.0.1:3306/', '/var/lib/nlai.sqlite'])(
    'refuses %s',
    (value) => {
      expect(parse(env.databaseUrl(), value)).toEqual({ problems: ['VARIABLE: expected mysql://user:password@host:port/database'] });
    },
  );
});

describe('env.nodeEnv', () => {
  it('defaults to development and accepts the three known environments', () => {
    expect(parse(env.nodeEnv(), undefined)).toEqual({ value: 'development' });
    for (const value of ['development', 'production', 'test']) expect(parse(env.nodeEnv(), value)).toEqual({ value });
  });

  it('refuses an abbreviation rather than running in an unknown mode', () => {
    expect(parse(env.nodeEnv(), 'prod')).toEqual({ problems: ['VARIABLE: expected development, production or test'] });
  });
});

describe('env.logLevel', () => {
  it('defaults to info and accepts the logger levels', () => {
    expect(parse(env.logLevel(), undefined)).toEqual({ value: 'info' });
    expect(parse(env.logLevel(), 'silent')).toEqual({ value: 'silent' });
    expect(parse(env.logLevel(), 'debug')).toEqual({ value: 'debug' });
  });

  it('refuses an unknown level, listing the accepted ones', () => {
    expect(parse(env.logLevel(), 'verbose')).toEqual({ problems: ['VARIABLE: expected fatal, error, warn, info, debug, trace or silent'] });
  });
});

describe('env.host', () => {
  it('accepts an interface and falls back to the default', () => {
    expect(parse(env.host('127.0.0.1'), '0.0.0.0')).toEqual({ value: '0.0.0.0' });
    expect(parse(env.host('127.0.0.1'), undefined)).toEqual({ value: '127.0.0.1' });
  });
});

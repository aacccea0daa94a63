import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { developmentSecret } from '../src';

// The built command, as `npm run token` runs it; build first (npx tsc -p tsconfig.build.json).
const cli = join(__dirname, '..', 'dist', 'token-cli.js');

function runCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('token command', () => {
  it('prints only a token, signed with the development key, carrying the scopes asked for', () => {
    const { status, stdout, stderr } = runCli(['--scope', 'talent:read', '--scope', 'human-capital:write']);

    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const payload = jwt.verify(stdout.trim(), developmentSecret, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    expect(payload.scope).toBe('talent:read human-capital:write');
    expect(payload.sub).toBe('nlai-dev');
    expect(payload.exp! - payload.iat!).toBe(8 * 60 * 60);
  });

  it('signs with AUTH_JWT_SECRET and the configured issuer, and honours --subject and --expires-in', () => {
    const secret = '3f9c1a7be2d84c60a5f1e9b27d4c8a03b6e5f2d19c7a4b80e3d6f1a2c9b5e784';
    const { status, stdout } = runCli(['--scope', 'talent:read', '--subject', 'robot', '--expires-in', '60'], {
      AUTH_JWT_SECRET: secret,
      AUTH_JWT_ISSUER: 'https://login.nlai.example',
    });

    expect(status).toBe(0);
    const payload = jwt.verify(stdout.trim(), secret, { algorithms: ['HS256'], issuer: 'https://login.nlai.example' }) as jwt.JwtPayload;
    expect(payload.sub).toBe('robot');
    expect(payload.exp! - payload.iat!).toBe(60);
  });

  it('refuses an unknown scope: exit code 1, the reason on stderr, nothing on stdout', () => {
    const { status, stdout, stderr } = runCli(['--scope', 'talent:write']);

    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('Unknown scope talent:write.');
    expect(stderr).toContain('talent:read');
  });

  it('refuses a lifetime that is not a whole number of seconds', () => {
    const { status, stdout, stderr } = runCli(['--scope', 'talent:read', '--expires-in', 'soon']);

    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('--expires-in takes a whole number of seconds.');
  });

  it('refuses a lifetime the graph would refuse: beyond AUTH_TOKEN_MAX_LIFETIME_SECONDS (default 24 h)', () => {
    const tooLong = runCli(['--scope', 'talent:read', '--expires-in', String(25 * 60 * 60)]);
    expect(tooLong.status).toBe(1);
    expect(tooLong.stdout).toBe('');
    expect(tooLong.stderr).toContain('--expires-in is at most 86400 seconds (AUTH_TOKEN_MAX_LIFETIME_SECONDS).');
    expect(
      runCli(['--scope', 'talent:read', '--expires-in', String(25 * 60 * 60)], { AUTH_TOKEN_MAX_LIFETIME_SECONDS: String(48 * 60 * 60) })
        .status,
    ).toBe(0);
  });

  it('refuses to sign with the development key in production', () => {
    const { status, stdout, stderr } = runCli(['--scope', 'talent:read'], { NODE_ENV: 'production' });

    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('AUTH_JWT_SECRET');
  });

  it('refuses an unknown option', () => {
    const { status, stdout } = runCli(['--scopes', 'talent:read']);

    expect(status).toBe(1);
    expect(stdout).toBe('');
  });
});

#!/usr/bin/env node
/**
 * `npm run token -- --scope talent:read [--scope …] [--subject id] [--expires-in seconds]`
 * Prints a signed token, and only the token, on stdout.
 */
import { parseArgs } from 'node:util';
import { env, loadConfig, z } from '@nlai/config';
import { authEnvironment, tokenOptionsFrom } from './auth-config';
import { Scope } from './scopes';
import { signToken } from './tokens';

const usage = `Usage: npm run token -- --scope <scope> [--scope <scope> …] [--subject <id>] [--expires-in <seconds>]
Scopes: ${Object.values(Scope).join(', ')}`;

function main(): void {
  const { values } = parseArgs({
    options: {
      scope: { type: 'string', multiple: true, default: [] },
      subject: { type: 'string' },
      'expires-in': { type: 'string', default: String(8 * 60 * 60) },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stderr.write(`${usage}\n`);
    return;
  }
  const known = new Set<string>(Object.values(Scope));
  const unknown = values.scope.filter((scope) => !known.has(scope));
  if (unknown.length) throw new Error(`Unknown scope ${unknown.join(', ')}.\n${usage}`);
  const expiresInSeconds = Number(values['expires-in']);
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0) throw new Error(`--expires-in takes a whole number of seconds.\n${usage}`);
  const config = loadConfig(z.object({ NODE_ENV: env.nodeEnv(), ...authEnvironment }), process.env, { requiredInProduction: ['AUTH_JWT_SECRET'] });
  const options = tokenOptionsFrom(config);
  if (!options.secret) throw new Error('AUTH_JWKS_URL is set: tokens for a key set come from its issuer, not from this command.');
  const token = signToken({ ...options, secret: options.secret, scopes: values.scope, subject: values.subject, expiresInSeconds });
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

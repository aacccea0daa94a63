#!/usr/bin/env node
/**
 * `npm run token -- --scope talent:read [--scope …] [--subject id] [--expires-in seconds]`
 * Prints a signed token, and only the token, on stdout.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { env, loadConfig, z } from '@nlai/config';
import { authEnvironment, tokenOptionsFrom } from './auth-config';
import { Scope } from './scopes';
import { signToken } from './tokens';

/** `<subgraph>:write` for every subgraph in schema/supergraph.yaml, so a scaffolded subgraph's scope is known too. */
function subgraphWriteScopes(): string[] {
  try {
    const config = readFileSync(resolve(__dirname, '../../../schema/supergraph.yaml'), 'utf8');
    return [...config.matchAll(/^ {2}([a-z][a-z0-9-]*):\s*$/gm)].map((match) => `${match[1]}:write`);
  } catch {
    return [];
  }
}

const usage = `Usage: npm run token -- --scope <scope> [--scope <scope> …] [--subject <id>] [--expires-in <seconds>]
Scopes: ${[...new Set([...Object.values(Scope), ...subgraphWriteScopes()])].join(', ')}`;

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
  const known = new Set<string>([...Object.values(Scope), ...subgraphWriteScopes()]);
  const unknown = values.scope.filter((scope) => !known.has(scope));
  if (unknown.length) throw new Error(`Unknown scope ${unknown.join(', ')}.\n${usage}`);
  const expiresInSeconds = Number(values['expires-in']);
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0)
    throw new Error(`--expires-in takes a whole number of seconds.\n${usage}`);
  const config = loadConfig(z.object({ NODE_ENV: env.nodeEnv(), ...authEnvironment }), process.env, {
    requiredInProduction: ['AUTH_JWT_SECRET'],
  });
  const options = tokenOptionsFrom(config);
  // A token the graph would refuse is no use to anyone.
  if (expiresInSeconds > config.AUTH_TOKEN_MAX_LIFETIME_SECONDS) {
    throw new Error(
      `--expires-in is at most ${config.AUTH_TOKEN_MAX_LIFETIME_SECONDS} seconds (AUTH_TOKEN_MAX_LIFETIME_SECONDS).\n${usage}`,
    );
  }
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

// `npm start`: runs both subgraphs and the gateway from their built dist/,
// each with this process's environment (each service parses its own config),
// and reports when the whole graph answers. Ctrl-C stops all three cleanly.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Every subgraph under services/ (a scaffolded one included), then the gateway.
const services = [
  ...readdirSync(join(root, 'services'))
    .filter((name) => existsSync(join(root, 'services', name, 'dist', 'index.js')))
    .sort()
    .map((name) => ({ name, entry: `services/${name}/dist/index.js` })),
  { name: 'gateway', entry: 'gateway/dist/index.js' },
];
// A service's package.json may name the Node flags it runs with (the gateway sizes its heap).
const nodeArguments = (entry) => JSON.parse(readFileSync(join(root, dirname(dirname(entry)), 'package.json'), 'utf8')).nodeArguments ?? [];
const startedAt = performance.now();
const width = Math.max(...services.map((service) => service.name.length));
let stopping = false;

/** Prints a service's JSON log lines as "[name] level message", keeping the raw line for anything else. */
function relay(name, stream, onReady) {
  createInterface({ input: stream }).on('line', (line) => {
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      process.stdout.write(`[${name.padEnd(width)}] ${line}\n`);
      return;
    }
    const level = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' }[entry.level] ?? 'info';
    const details = entry.err ? ` ${entry.err.message ?? ''}` : '';
    process.stdout.write(`[${name.padEnd(width)}] ${level.padEnd(5)} ${entry.msg}${details}\n`);
    if (entry.url && / ready at /.test(entry.msg)) onReady(entry.url, entry.browserUrl);
  });
}

const ready = new Map();
let explorer;
const children = services.map(({ name, entry }) => {
  const child = spawn(process.execPath, [...nodeArguments(entry), join(root, entry)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const onReady = (url, browserUrl) => {
    ready.set(name, url);
    // Only the gateway has one, and only while its explorer is on (not in production by default).
    if (browserUrl) explorer = browserUrl.replace('127.0.0.1', 'localhost');
    if (ready.size === services.length) {
      const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
      const gateway = ready.get('gateway').replace('127.0.0.1', 'localhost');
      const subgraphs = services
        .filter((service) => service.name !== 'gateway')
        .map((service) => `  ${service.name.padEnd(width)} ${ready.get(service.name)}\n`);
      const explorerLine = explorer ? `  ${'explorer'.padEnd(width)} ${explorer}\n` : '';
      process.stdout.write(`\nThe graph is up in ${seconds} s: ${gateway}\n${explorerLine}${subgraphs.join('')}Ctrl-C stops it.\n\n`);
    }
  };
  relay(name, child.stdout, onReady);
  relay(name, child.stderr, onReady);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the others.\n`);
    stop(1);
  });
  return child;
});

function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  const exits = children
    .filter((child) => child.exitCode === null && child.signalCode === null)
    .map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children) child.kill('SIGTERM');
  Promise.all(exits).then(() => process.exit(exitCode));
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

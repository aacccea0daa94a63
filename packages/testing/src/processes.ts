import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { testEnvironment } from './config';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A service running as a real child process. */
export interface ServiceProcess {
  name: string;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** GraphQL endpoint. */
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends a signal and waits for the exit; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Polls `${baseUrl}/ready` until it answers 200, the process dies, or the timeout passes. */
export async function waitUntilReady(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready after ${timeoutMs} ms:\n${output()}`);
}

/** Starts `node [nodeArguments] <entry>` with the environment given, and waits until /ready answers. */
export async function startProcess(name: string, entry: string, port: number, env: Record<string, string | undefined>, nodeArguments: string[] = []): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [...nodeArguments, entry], {
    env: { PATH: testEnvironment.path, NODE_ENV: 'test', LOG_LEVEL: 'warn', APOLLO_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const service: ServiceProcess = {
    name,
    baseUrl,
    url: `${baseUrl}/graphql`,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  try {
    await waitUntilReady(baseUrl, child, () => output);
  } catch (error) {
    await service.stop('SIGKILL');
    throw error;
  }
  return service;
}

/** Runs `node <entry>` until it exits (or the timeout kills it); for services that must refuse to start. */
export function runToExit(entry: string, env: Record<string, string | undefined>, timeoutMs = 20_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry], { env: { PATH: testEnvironment.path, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { testEnvironment } from './config';

/** Whether a port on 127.0.0.1 can be listened on right now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free TCP port on 127.0.0.1, picked at random below Linux's ephemeral
 * range (32768 and up). A port the kernel hands out for `listen(0)` is free
 * only until the next such call: test files running in parallel were handed
 * the same one, and a service then answered on another's port.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + randomInt(12_000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000 after 50 tries');
}

/**
 * Whether process `pid` holds the listening socket of `port` (Linux /proc:
 * the socket's inode among the process's file descriptors); undefined where
 * that cannot be told.
 */
function listensOn(pid: number, port: number): boolean | undefined {
  try {
    const suffix = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
    const listening = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const [, local, , state, , , , , , inode] = line.trim().split(/\s+/);
        if (local?.endsWith(suffix) && state === '0A' && inode) listening.add(`socket:[${inode}]`);
      }
    }
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return listening.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false; // closed meanwhile
      }
    });
  } catch {
    return undefined;
  }
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

class PortTaken extends Error {}

/** Polls `${baseUrl}/ready` until it answers 200 from this process, the process dies, or the timeout passes. */
export async function waitUntilReady(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/ready`);
      if (response.ok) {
        // Ready, but is it our process answering? Another one on the same port would pass for it.
        if (child.pid !== undefined && listensOn(child.pid, Number(new URL(baseUrl).port)) === false) {
          throw new PortTaken(`another process answers on ${baseUrl}, not this one:\n${output()}`);
        }
        return;
      }
    } catch (error) {
      if (error instanceof PortTaken) throw error;
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready after ${timeoutMs} ms:\n${output()}`);
}

/** Starts `node [nodeArguments] <entry>` with the environment given, and waits until /ready answers. */
export async function startProcess(
  name: string,
  entry: string,
  port: number,
  env: Record<string, string | undefined>,
  nodeArguments: string[] = [],
): Promise<ServiceProcess> {
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
export function runToExit(
  entry: string,
  env: Record<string, string | undefined>,
  timeoutMs = 20_000,
): Promise<{ code: number | null; output: string }> {
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

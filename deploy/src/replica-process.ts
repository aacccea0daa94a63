import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { machineEnvironment } from './config';

/** Polls `<baseUrl>/ready` until 200, the process exits, or the timeout passes. */
async function waitUntilReady(baseUrl: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${baseUrl}: the process exited (${child.exitCode ?? child.signalCode}) before it was ready; see ${logFile}`);
    const ok = await fetch(`${baseUrl}/ready`, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${baseUrl}: not ready after ${timeoutMs} ms; see ${logFile}`);
}

/**
 * One replica of a tier (a gateway or a subgraph) as its own `node`
 * process, as it is deployed: on its own port, with only the environment
 * given (and PATH), its output appended to `<logDirectory>/<name>.log`.
 */
export class ReplicaProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  readonly logFile: string;

  constructor(
    /** e.g. `gateway-1`, `research-innovation-2`: its name in HAProxy too. */
    readonly name: string,
    /** The HAProxy backend it is a server of. */
    readonly backend: string,
    private readonly entry: string,
    readonly port: number,
    private environment: Record<string, string>,
    logDirectory: string,
    /** Its /metrics port, when it has one of its own. */
    readonly metricsPort?: number,
  ) {
    this.logFile = join(logDirectory, `${name}.log`);
  }

  /** http://127.0.0.1:<port> */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get url(): string {
    return `${this.baseUrl}/graphql`;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Changes variables for the next start (e.g. seeding only on the first). */
  setEnvironment(changes: Record<string, string>): void {
    this.environment = { ...this.environment, ...changes };
  }

  /** Starts the process and waits until its own /ready answers 200. */
  async start(timeoutMs = 120_000): Promise<void> {
    const log = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, [this.entry], {
      env: { PATH: machineEnvironment.path, ...this.environment },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    try {
      await waitUntilReady(this.baseUrl, child, this.logFile, timeoutMs);
    } catch (error) {
      await this.stop('SIGKILL');
      throw error;
    }
  }

  /** Sends `signal` (SIGTERM: drains; SIGKILL: dies at once) and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.running) this.child!.kill(signal);
    await this.exited;
  }
}

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { machineEnvironment } from './config';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What to tell someone whose machine has no HAProxy. */
export const installHaproxy = 'apt-get update && apt-get install -y haproxy';

/** Debian's haproxy binary (on PATH or in /usr/sbin, which a user's PATH may lack); undefined when not installed. */
export function haproxyBinary(): string | undefined {
  const candidates = [...machineEnvironment.path.split(':').filter(Boolean), '/usr/sbin', '/usr/local/sbin'].map((directory) =>
    join(directory, 'haproxy'),
  );
  return candidates.find((candidate) => existsSync(candidate));
}

/** A server's state as HAProxy's stats see it: `UP`, `DOWN`, `MAINT`, `UP 1/2` (going down), `DOWN 1/2` (coming up), … */
export interface ServerStatus {
  backend: string;
  server: string;
  status: string;
  /** Requests it has been sent, in total. */
  requests: number;
  /** Retries and redispatches counted on it. */
  retries: number;
  redispatches: number;
}

/** A running HAProxy with its config in `directory`. */
export class Haproxy {
  private child: ChildProcess | undefined;
  readonly configFile: string;
  readonly statsSocket: string;

  constructor(
    private readonly binary: string,
    private readonly directory: string,
  ) {
    this.configFile = join(directory, 'haproxy.cfg');
    this.statsSocket = join(directory, 'haproxy.sock');
  }

  /** Writes the config and checks it with `haproxy -c -f`; throws with HAProxy's complaint. */
  async writeConfig(config: string): Promise<void> {
    writeFileSync(this.configFile, config);
    try {
      await run(this.binary, ['-c', '-q', '-f', this.configFile]);
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`haproxy -c -f ${this.configFile} refused the config:\n${stderr ?? ''}${stdout ?? ''}`);
    }
  }

  /** Starts HAProxy in the foreground (its own process, logging to haproxy.log) and waits for its stats socket. */
  async start(): Promise<void> {
    const log = openSync(join(this.directory, 'haproxy.log'), 'a');
    this.child = spawn(this.binary, ['-db', '-f', this.configFile], { stdio: ['ignore', log, log] });
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`haproxy exited with ${this.child.exitCode}; see ${this.directory}/haproxy.log`);
      if (
        await this.command('show info').then(
          () => true,
          () => false,
        )
      )
        return;
      if (Date.now() > deadline) throw new Error('haproxy did not open its stats socket within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** One command on the admin socket, e.g. `show stat`; resolves with the answer. */
  command(line: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.statsSocket);
      let answer = '';
      socket.setTimeout(5000, () => socket.destroy(new Error(`haproxy did not answer "${line}" within 5 s`)));
      socket.on('connect', () => socket.write(`${line}\n`));
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  /** Every server of every backend, as `show stat` gives them. */
  async servers(): Promise<ServerStatus[]> {
    const [header, ...rows] = (await this.command('show stat')).trim().split('\n');
    const columns = (header ?? '').replace(/^# /, '').split(',');
    const column = (name: string) => columns.indexOf(name);
    return rows
      .map((row) => row.split(','))
      .filter((cells) => cells[column('svname')] !== 'FRONTEND' && cells[column('svname')] !== 'BACKEND')
      .map((cells) => ({
        backend: cells[column('pxname')] ?? '',
        server: cells[column('svname')] ?? '',
        status: cells[column('status')] ?? '',
        requests: Number(cells[column('stot')] ?? 0),
        retries: Number(cells[column('wretr')] ?? 0),
        redispatches: Number(cells[column('wredis')] ?? 0),
      }));
  }

  /** Waits until HAProxy's health checks say `server` of `backend` is (`UP`) or is not (`DOWN`) in rotation. */
  async waitFor(backend: string, server: string, state: 'UP' | 'DOWN', timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.servers()).find((entry) => entry.backend === backend && entry.server === server);
      if (found?.status === state) return;
      if (Date.now() > deadline) throw new Error(`HAProxy still has ${backend}/${server} ${found?.status ?? 'missing'}, not ${state}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Stops HAProxy (SIGUSR1 would wait for connections; SIGTERM ends it now) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
}

import { HaproxyMissing, startCluster, type Cluster } from './cluster';

const usage = `Usage: npm run cluster [-- options]

Starts HAProxy, two replicas of the gateway and of every subgraph, a MariaDB
primary with a GTID read replica, on this machine; Redis is the machine's.
Ctrl-C stops everything.

  --replicas <n>                   replicas per tier (default 2)
  --redis-url <url>                REDIS_URL of every replica (default redis://127.0.0.1:6379)
  --rolling-restart-every <s>      restart every replica, one at a time, every <s> seconds
  --log-level <level>              LOG_LEVEL of the replicas (default warn; logs go to files)

A rolling restart also runs on SIGUSR2: kill -USR2 <pid of this process>.`;

interface CliOptions {
  replicas?: number;
  redisUrl?: string;
  rollingRestartEverySeconds?: number;
  logLevel?: string;
}

/** Parses the arguments; throws with the usage on anything unknown. */
function parseArguments(args: string[]): CliOptions {
  const options: CliOptions = {};
  const positive = (flag: string, value: string | undefined) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} expects a whole number from 1\n\n${usage}`);
    return number;
  };
  for (let index = 0; index < args.length; index += 1) {
    const flag = args[index];
    const value = args[index + 1];
    index += 1;
    if (flag === '--replicas') options.replicas = positive(flag, value);
    else if (flag === '--rolling-restart-every') options.rollingRestartEverySeconds = positive(flag, value);
    else if (flag === '--redis-url' && value) options.redisUrl = value;
    else if (flag === '--log-level' && value) options.logLevel = value;
    else throw new Error(flag === '--help' ? usage : `Unknown option ${flag}\n\n${usage}`);
  }
  return options;
}

async function main(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('npm run cluster runs on Linux (it starts mariadbd and haproxy as processes).');
  const options = parseArguments(process.argv.slice(2));
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const state: { cluster?: Cluster; stopping: boolean } = { stopping: false };
  const stop = (signal: NodeJS.Signals) => {
    if (state.stopping) return;
    state.stopping = true;
    if (!state.cluster) return say(`\n${signal}: stopping once the parts started so far are up…`);
    say(`\n${signal}: stopping every part…`);
    void state.cluster.stop().then(
      () => {
        say('stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`stopping failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  // A signal during the start stops the cluster as soon as it is up (a failed start stops what it started).
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const started = await startCluster({
    ...(options.replicas ? { replicas: options.replicas } : {}),
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    progress: say,
  });
  state.cluster = started;
  if (state.stopping) {
    await started.stop();
    process.exit(0);
  }
  const running = started;
  say(`\nThe graph is at ${running.entryUrl}\n`);
  for (const line of running.addresses()) say(`  ${line}`);
  say(`\nTokens: AUTH_JWT_SECRET=${running.authSecret} npm run token -- --scopes talent:read`);
  say(`Rolling restart: kill -USR2 ${process.pid}. Ctrl-C stops everything.`);

  const rollingRestart = () => {
    if (state.stopping) return;
    void running.rollingRestart(say).catch((error: unknown) => say(`rolling restart failed: ${String(error)}`));
  };
  process.on('SIGUSR2', rollingRestart);
  if (options.rollingRestartEverySeconds) setInterval(rollingRestart, options.rollingRestartEverySeconds * 1000).unref();
}

main().catch((error: unknown) => {
  if (error instanceof HaproxyMissing) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (message === usage) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  process.stderr.write(`${message}\n`);
  process.exit(1);
});

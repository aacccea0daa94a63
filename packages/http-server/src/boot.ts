import { ConfigError } from '@nlai/config';
import { createLogger, type Logger } from './logger';
import { runUntilSignalled } from './run-until-signalled';
import type { RunningServer } from './serve-graphql';

/**
 * The whole of a service's `index.ts`: reads the config (exit 1 listing
 * every problem), starts the server, logs where it listens, stops on signals.
 */
export function boot<Config extends { logLevel: string }>(
  service: string,
  readConfig: () => Config,
  start: (config: Config, logger: Logger) => Promise<RunningServer>,
): void {
  let config: Config;
  try {
    config = readConfig();
  } catch (error) {
    process.stderr.write(`${service}: ${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const logger = createLogger(service, config.logLevel);
  start(config, logger).then(
    (server) => {
      runUntilSignalled(() => server.close(), logger);
      // The one line supervisors (and `npm start`) wait for: printed at any log level but silent.
      const announcer = logger.isLevelEnabled('info') || logger.level === 'silent' ? logger : logger.child({}, { level: 'info' });
      announcer.info(
        { url: server.url, ...(server.browserUrl ? { browserUrl: server.browserUrl } : {}) },
        `${service} ready at ${server.url}`,
      );
    },
    (error: unknown) => {
      logger.fatal({ err: error }, 'could not start');
      process.exit(1);
    },
  );
}

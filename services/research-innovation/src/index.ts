import 'reflect-metadata';
import { ConfigError } from '@nlai/config';
import { createLogger, runUntilSignalled } from '@nlai/http-server';
import { configFrom, type Config } from './config';
import { createServer } from './server';

let config: Config;
try {
  config = configFrom(process.env);
} catch (error) {
  process.stderr.write(`research-innovation: ${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
const logger = createLogger('research-innovation', config.logLevel);
createServer(config, logger).then(
  (server) => {
    runUntilSignalled(() => server.close(), logger);
    logger.info({ url: server.url }, `Research & Innovation subgraph ready at ${server.url}`);
  },
  (error: unknown) => {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  },
);

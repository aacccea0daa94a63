import 'reflect-metadata';
import { boot } from '@nlai/http-server';
import type { Subgraph } from './define-subgraph';

/**
 * The whole of a subgraph's `index.ts`. With no argument it serves until
 * signalled; `migrate` applies pending migrations and exits; `ready` asks the
 * running subgraph's /ready and exits 0 or 1 (the container health check).
 */
export function runSubgraph<Own extends object>(subgraph: Subgraph<Own>, command: string | undefined = process.argv[2]): void {
  if (command === 'migrate' || command === 'ready') {
    const config = subgraph.configFrom(process.env);
    if (command === 'migrate') void subgraph.migrate(config);
    else {
      const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
      fetch(`http://${host.includes(':') ? `[${host}]` : host}:${config.port}/ready`).then(
        (response) => process.exit(response.ok ? 0 : 1),
        () => process.exit(1),
      );
    }
    return;
  }
  boot(
    subgraph.name,
    () => subgraph.configFrom(process.env),
    (config, logger) => subgraph.start(config, logger),
  );
}

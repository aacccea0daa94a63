import 'reflect-metadata';
import { openDatabase } from '@nlai/database';
import { readConfig } from './config';
import { dataSourceOptions } from './data-source';

// `npm run migrate`: applies pending migrations and exits, without serving.
openDatabase(dataSourceOptions(readConfig().database)).then(
  async ({ dataSource, applied }) => {
    process.stdout.write(applied.length ? `Applied ${applied.join(', ')}.\n` : 'No pending migrations.\n');
    await dataSource.destroy();
  },
  (error: unknown) => {
    process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

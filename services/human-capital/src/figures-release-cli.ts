import 'reflect-metadata';
import { openDatabase } from '@nlai/database';
import { FigureReleaseService } from './services/figure-release.service';
import { humanCapital } from './subgraph';

// `npm run figures:release`: releases the public talent figures now, against the configured database, and exits.
async function main(): Promise<void> {
  const { dataSource } = await openDatabase(humanCapital.dataSourceOptions(humanCapital.configFrom(process.env)));
  try {
    const release = await new FigureReleaseService(dataSource).publish();
    process.stdout.write(`released the public figures: ${release.id} at ${release.publishedAt.toISOString()}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`the release of the public figures failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

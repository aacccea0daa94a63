import { randomId } from '@nlai/database';
import type { DataSource } from 'typeorm';
import type { FigureReleaseEntity } from '../entities';
import { networkGroup, repositories } from '../repositories';
import { addCells } from './talent-figures';

/** Makes releases of the public figures: snapshots that callers without talent:read read until the next one. */
export class FigureReleaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Computes the exact cells of every lab and of the whole network (from all
   * its people, not from published lab figures) in one transaction, and
   * stores them as a new release.
   */
  publish(): Promise<FigureReleaseEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { talents, releases } = repositories(manager);
      const groups = await talents.cellsPerLab(null);
      groups.set(networkGroup, addCells([...groups.values()]));
      const release = { id: randomId('r'), publishedAt: this.now() };
      await releases.insert(release, groups);
      return release;
    });
  }

  /** A release when there is none yet (at start-up), so public figures always come from one; null when one existed. */
  async publishWhenNone(): Promise<FigureReleaseEntity | null> {
    return (await repositories(this.dataSource.manager).releases.latest()) ? null : this.publish();
  }
}

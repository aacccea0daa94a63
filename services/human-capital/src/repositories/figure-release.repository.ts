import { insertInChunks } from '@nlai/database';
import { In, type EntityManager } from 'typeorm';
import { FigureReleaseCellEntity, FigureReleaseEntity } from '../entities';
import type { FigureCells } from '../services/talent-figures';

/** The group id of the whole network's cells in a release. */
export const networkGroup = '*';

/** Releases of the public figures and their cells. */
export class FigureReleaseRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The newest release, or null before the first. */
  async latest(): Promise<FigureReleaseEntity | null> {
    const [release] = await this.manager.getRepository(FigureReleaseEntity).find({ order: { publishedAt: 'DESC', id: 'DESC' }, take: 1 });
    return release ?? null;
  }

  /** The cells of these groups (lab ids, or networkGroup) in one release; a group without people has none. */
  async cellsOf(releaseId: string, groupIds: readonly string[]): Promise<Map<string, FigureCells>> {
    const rows = await this.manager.getRepository(FigureReleaseCellEntity).findBy({ releaseId, groupId: In([...groupIds]) });
    const cells = new Map<string, FigureCells>();
    for (const row of rows) {
      if (!cells.has(row.groupId)) cells.set(row.groupId, new Map());
      cells.get(row.groupId)!.set(row.cell, { count: row.count, keySum: row.keySum });
    }
    return cells;
  }

  /** Stores a release with the cells of each group. */
  async insert(release: FigureReleaseEntity, groups: Map<string, FigureCells>): Promise<void> {
    await this.manager.insert(FigureReleaseEntity, release);
    const rows = [...groups].flatMap(([groupId, cells]) =>
      [...cells].map(([cell, { count, keySum }]) => ({ releaseId: release.id, groupId, cell, count, keySum })),
    );
    await insertInChunks((chunk) => this.manager.insert(FigureReleaseCellEntity, chunk), rows);
  }
}

import { orderAndSeek, orderBySql, seekCondition, type Ordering, type PageRequest } from '@nlai/paging';
import { In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { TalentEntity, type CareerStage, type TalentOrigin } from '../entities';

/** Filters of a talent list. */
export interface TalentFilter {
  stage?: CareerStage | null;
  origin?: TalentOrigin | null;
  labId?: string | null;
  startYear?: number | null;
}

/** Newest start first. */
export const talentOrdering: Ordering<TalentEntity> = {
  name: 'talent:newest',
  keys: [
    { expression: 'talent.startYear', direction: 'DESC', type: 'number' },
    { expression: 'talent.id', direction: 'ASC', type: 'string' },
  ],
  valuesOf: (talent) => [talent.startYear, talent.id],
};

/** Counts behind TalentStats, before any suppression. */
export interface TalentCounts {
  total: number;
  graduated: number;
  retainedInNetherlands: number;
}

// A graduate's country is that of their latest placement (latest start, then highest id).
const latestPlacementCountry = `(SELECT latest.country FROM placement latest WHERE latest.talent_id = talent.id ORDER BY latest.start_year DESC, latest.id DESC LIMIT 1)`;

function toTalent(row: Record<string, unknown>): TalentEntity {
  return {
    id: String(row.talent_id),
    labId: String(row.talent_lab_id),
    stage: row.talent_stage as CareerStage,
    origin: row.talent_origin as TalentOrigin,
    startYear: Number(row.talent_start_year),
    endYear: row.talent_end_year == null ? null : Number(row.talent_end_year),
  };
}

/** Talent reads and writes; all SQL about people lives here. */
export class TalentRepository {
  constructor(private readonly manager: EntityManager) {}

  private filtered(filter: TalentFilter, query = this.manager.getRepository(TalentEntity).createQueryBuilder('talent')): SelectQueryBuilder<TalentEntity> {
    if (filter.stage) query.andWhere('talent.stage = :stage', { stage: filter.stage });
    if (filter.origin) query.andWhere('talent.origin = :origin', { origin: filter.origin });
    if (filter.labId) query.andWhere('talent.labId = :labId', { labId: filter.labId });
    if (filter.startYear != null) query.andWhere('talent.startYear = :startYear', { startYear: filter.startYear });
    return query;
  }

  findPage(filter: TalentFilter, page: PageRequest): Promise<TalentEntity[]> {
    return orderAndSeek(this.filtered(filter), talentOrdering, page.after).take(page.size + 1).getMany();
  }

  count(filter: TalentFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  /**
   * One page per lab, for many labs in one statement: rows are numbered
   * within each lab (a window function) and cut at `size + 1`.
   */
  async findPagePerLab(labIds: readonly string[], filter: TalentFilter, page: PageRequest): Promise<TalentEntity[]> {
    const rows = await this.manager
      .createQueryBuilder()
      .select('ranked.*')
      .from((ranked) => {
        const inner = this.filtered(filter, ranked.subQuery().select('talent').from(TalentEntity, 'talent') as SelectQueryBuilder<TalentEntity>)
          .addSelect(`ROW_NUMBER() OVER (PARTITION BY talent.labId ORDER BY ${orderBySql(talentOrdering)})`, 'position_in_lab')
          .andWhere('talent.labId IN (:...labIds)', { labIds });
        if (page.after) {
          const { sql, parameters } = seekCondition(talentOrdering, page.after, 'seek');
          inner.andWhere(`(${sql})`, parameters);
        }
        return inner;
      }, 'ranked')
      .where('ranked.position_in_lab <= :limit', { limit: page.size + 1 })
      .orderBy('ranked.position_in_lab', 'ASC')
      .getRawMany<Record<string, unknown>>();
    return rows.map(toTalent);
  }

  /** How many people of each lab match the filter. */
  async countPerLab(labIds: readonly string[], filter: TalentFilter): Promise<Map<string, number>> {
    const rows = await this.filtered(filter)
      .select('talent.labId', 'labId')
      .addSelect('COUNT(*)', 'count')
      .andWhere('talent.labId IN (:...labIds)', { labIds })
      .groupBy('talent.labId')
      .getRawMany<{ labId: string; count: string | number }>();
    return new Map(rows.map((row) => [row.labId, Number(row.count)]));
  }

  /** Talent figures per lab (in one GROUP BY), or for everyone when `labIds` is null. */
  async countsPerLab(labIds: readonly string[] | null): Promise<Map<string | null, TalentCounts>> {
    const query = this.manager
      .getRepository(TalentEntity)
      .createQueryBuilder('talent')
      .select('COUNT(*)', 'total')
      .addSelect(`SUM(CASE WHEN talent.stage = :graduated THEN 1 ELSE 0 END)`, 'graduated')
      .addSelect(`SUM(CASE WHEN talent.stage = :graduated AND ${latestPlacementCountry} = :netherlands THEN 1 ELSE 0 END)`, 'retained')
      .setParameters({ graduated: 'GRADUATED', netherlands: 'NL' });
    if (labIds) query.addSelect('talent.labId', 'labId').where('talent.labId IN (:...labIds)', { labIds }).groupBy('talent.labId');
    const rows = await query.getRawMany<{ labId?: string; total: string | number; graduated: string | number | null; retained: string | number | null }>();
    return new Map(
      rows.map((row) => [
        row.labId ?? null,
        { total: Number(row.total), graduated: Number(row.graduated ?? 0), retainedInNetherlands: Number(row.retained ?? 0) },
      ]),
    );
  }

  findByIds(ids: readonly string[]): Promise<TalentEntity[]> {
    return this.manager.getRepository(TalentEntity).findBy({ id: In([...ids]) });
  }

  async insert(talent: TalentEntity): Promise<void> {
    await this.manager.insert(TalentEntity, talent);
  }

  async update(id: string, changes: Partial<Omit<TalentEntity, 'id'>>): Promise<void> {
    if (Object.keys(changes).length > 0) await this.manager.update(TalentEntity, { id }, changes);
  }
}

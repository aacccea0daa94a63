import { EntityRepository } from '@nlai/database';
import {
  entityOrdering,
  keysetConnection,
  orderBySql,
  orderingFor,
  seekCondition,
  type Connection,
  type Ordering,
  type PageRequest,
} from '@nlai/paging';
import type { SelectQueryBuilder } from 'typeorm';
import { PlacementEntity, TalentEntity, type CareerStage, type TalentOrigin } from '../entities';
import type { QueryTalentsArgs, TalentFilter, TalentOrder } from '../generated/resolvers-types';
import { newRecordKey, recordKeyRange } from '../services/cell-key';
import type { FigureCells } from '../services/talent-figures';

/** Newest start first. */
const byStartYear = entityOrdering<TalentEntity>('talent:newest', 'talent', [{ column: 'startYear', direction: 'DESC', type: 'number' }]);

/** The ordering of a talent list for an `orderBy` argument; newest start first when none is given. */
export const talentOrdering = (orderBy?: TalentOrder | null) =>
  orderingFor({ START_YEAR: { ordering: byStartYear, natural: 'DESC' } }, orderBy, 'START_YEAR');

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
export class TalentRepository extends EntityRepository.of(TalentEntity, 'talent') {
  private filtered(filter: TalentFilter, query = this.query()): SelectQueryBuilder<TalentEntity> {
    const { stage, origin, labId, startYear } = filter;
    return this.whereEqual(query, { stage, origin, labId, startYear });
  }

  /** The `talents` list: one page of the people matching the filter, in the order asked for. */
  list(args: QueryTalentsArgs): Promise<Connection<TalentEntity>> {
    return keysetConnection(args, talentOrdering(args.orderBy), () => this.filtered(args.filter ?? {}));
  }

  /**
   * One page per lab, for many labs in one statement: rows are numbered
   * within each lab (a window function) and cut at `size + 1`.
   */
  async findPagePerLab(
    labIds: readonly string[],
    filter: TalentFilter,
    ordering: Ordering<TalentEntity>,
    page: PageRequest,
  ): Promise<TalentEntity[]> {
    const rows = await this.manager
      .createQueryBuilder()
      .select('ranked.*')
      .from((ranked) => {
        const inner = this.filtered(
          filter,
          ranked.subQuery().select('talent').from(TalentEntity, 'talent') as SelectQueryBuilder<TalentEntity>,
        )
          .addSelect(`ROW_NUMBER() OVER (PARTITION BY talent.labId ORDER BY ${orderBySql(ordering)})`, 'position_in_lab')
          .andWhere('talent.labId IN (:...labIds)', { labIds });
        if (page.after) {
          const { sql, parameters } = seekCondition(ordering, page.after, 'seek');
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

  /**
   * The exact cells of each lab's figures (counts and record-key sums, see
   * FigureCells), for the given labs or all (null): four GROUP BY queries,
   * whatever the number of labs.
   */
  async cellsPerLab(labIds: readonly string[] | null): Promise<Map<string, FigureCells>> {
    type Row = { labId: string; category: string; count: string | number; keySum: string | number | null };
    const ofLabs = <Query extends SelectQueryBuilder<object>>(query: Query) =>
      labIds ? query.andWhere('talent.labId IN (:...labIds)', { labIds }) : query;
    // People: one row per lab, two columns (count, key sum) per cell.
    const people = this.manager
      .getRepository(TalentEntity)
      .createQueryBuilder('talent')
      .select('talent.labId', 'labId')
      .setParameters({ candidate: 'PHD_CANDIDATE', graduated: 'GRADUATED', netherlands: 'NL', international: 'INTERNATIONAL' })
      .groupBy('talent.labId');
    const peopleCells: Record<string, string> = {
      total: '1 = 1',
      phdCandidates: 'talent.stage = :candidate',
      graduated: 'talent.stage = :graduated',
      retainedInNetherlands: `talent.stage = :graduated AND ${latestPlacementCountry} = :netherlands`,
      international: 'talent.origin = :international',
    };
    for (const [cell, condition] of Object.entries(peopleCells)) {
      people.addSelect(`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`, `${cell}_count`);
      people.addSelect(`SUM(CASE WHEN ${condition} THEN talent.recordKey ELSE 0 END)`, `${cell}_keys`);
    }
    // Placements per category: each placement counts once and brings its person's record key.
    const placements = (column: 'sector' | 'organisationKind', prefix: string, unknown: string) =>
      ofLabs(
        this.manager
          .getRepository(PlacementEntity)
          .createQueryBuilder('placement')
          .innerJoin(TalentEntity, 'talent', 'talent.id = placement.talentId')
          .select('talent.labId', 'labId')
          .addSelect(`COALESCE(placement.${column}, :unknown)`, 'category')
          .addSelect('COUNT(*)', 'count')
          .addSelect('SUM(talent.recordKey)', 'keySum')
          .setParameter('unknown', unknown)
          .groupBy('talent.labId')
          .addGroupBy(`placement.${column}`),
      )
        .getRawMany<Row>()
        .then((rows) => rows.map((row) => ({ ...row, category: `${prefix}${row.category}` })));
    // Graduates with a placement at an organisation: each person once.
    const hires = this.manager
      .createQueryBuilder()
      .select('hired.labId', 'labId')
      .addSelect('hired.organisationId', 'category')
      .addSelect('COUNT(*)', 'count')
      .addSelect('SUM(hired.recordKey)', 'keySum')
      .from(
        (subQuery) =>
          ofLabs(
            subQuery
              .select('talent.labId', 'labId')
              .distinct(true)
              .addSelect('placement.organisationId', 'organisationId')
              .addSelect('talent.id', 'talentId')
              .addSelect('talent.recordKey', 'recordKey')
              .from(PlacementEntity, 'placement')
              .innerJoin(TalentEntity, 'talent', 'talent.id = placement.talentId')
              .where('talent.stage = :graduated', { graduated: 'GRADUATED' }),
          ),
        'hired',
      )
      .groupBy('hired.labId')
      .addGroupBy('hired.organisationId');
    const [peopleRows, bySector, byKind, hireRows] = await Promise.all([
      ofLabs(people).getRawMany<Record<string, string | number | null>>(),
      placements('sector', 'sector:', 'unknown'),
      placements('organisationKind', 'kind:', 'UNKNOWN'),
      hires.getRawMany<Row>().then((rows) => rows.map((row) => ({ ...row, category: `hires:${row.category}` }))),
    ]);
    const cells = new Map<string, FigureCells>();
    const add = (labId: string, cell: string, count: unknown, keySum: unknown) => {
      if (Number(count) === 0) return;
      if (!cells.has(labId)) cells.set(labId, new Map());
      cells.get(labId)!.set(cell, { count: Number(count), keySum: Number(keySum ?? 0) % recordKeyRange });
    };
    for (const row of peopleRows) {
      for (const cell of Object.keys(peopleCells)) add(String(row.labId), cell, row[`${cell}_count`], row[`${cell}_keys`]);
    }
    for (const row of [...bySector, ...byKind, ...hireRows]) add(row.labId, row.category, row.count, row.keySum);
    return cells;
  }

  /** Inserts a person; a new person gets a random record key (the seed brings its own). */
  override async insert(rows: TalentEntity | TalentEntity[]): Promise<void> {
    await super.insert([rows].flat().map((talent) => ({ ...talent, recordKey: talent.recordKey ?? newRecordKey() })));
  }
}

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
import type { PlacementOrganisationKind, QueryTalentsArgs, TalentFilter, TalentOrder } from '../generated/resolvers-types';

/** Newest start first. */
const byStartYear = entityOrdering<TalentEntity>('talent:newest', 'talent', [{ column: 'startYear', direction: 'DESC', type: 'number' }]);

/** The ordering of a talent list for an `orderBy` argument; newest start first when none is given. */
export const talentOrdering = (orderBy?: TalentOrder | null) =>
  orderingFor({ START_YEAR: { ordering: byStartYear, natural: 'DESC' } }, orderBy, 'START_YEAR');

/** The figures behind TalentStats, before any suppression. */
export interface TalentFigures {
  total: number;
  phdCandidates: number;
  graduated: number;
  retainedInNetherlands: number;
  international: number;
  placementsBySector: Array<{ sector: string; placements: number }>;
  placementsByOrganisationKind: Array<{ kind: PlacementOrganisationKind; placements: number }>;
}

/** Figures of nobody: for a lab without people. */
export const noFigures: TalentFigures = {
  total: 0,
  phdCandidates: 0,
  graduated: 0,
  retainedInNetherlands: 0,
  international: 0,
  placementsBySector: [],
  placementsByOrganisationKind: [],
};

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
   * Talent figures per lab, or for everyone (key null) when `labIds` is
   * null: three GROUP BY queries, whatever the number of labs.
   */
  async figuresPerLab(labIds: readonly string[] | null): Promise<Map<string | null, TalentFigures>> {
    const people = this.manager
      .getRepository(TalentEntity)
      .createQueryBuilder('talent')
      .select('COUNT(*)', 'total')
      .addSelect('SUM(CASE WHEN talent.stage = :candidate THEN 1 ELSE 0 END)', 'phdCandidates')
      .addSelect('SUM(CASE WHEN talent.stage = :graduated THEN 1 ELSE 0 END)', 'graduated')
      .addSelect(`SUM(CASE WHEN talent.stage = :graduated AND ${latestPlacementCountry} = :netherlands THEN 1 ELSE 0 END)`, 'retained')
      .addSelect('SUM(CASE WHEN talent.origin = :international THEN 1 ELSE 0 END)', 'international')
      .setParameters({ candidate: 'PHD_CANDIDATE', graduated: 'GRADUATED', netherlands: 'NL', international: 'INTERNATIONAL' });
    const placements = <Category extends string>(column: 'sector' | 'organisationKind', unknown: Category) => {
      const query = this.manager
        .getRepository(PlacementEntity)
        .createQueryBuilder('placement')
        .innerJoin(TalentEntity, 'talent', 'talent.id = placement.talentId')
        .select(`COALESCE(placement.${column}, :unknown)`, 'category')
        .setParameter('unknown', unknown)
        .addSelect('COUNT(*)', 'placements')
        .groupBy(`placement.${column}`)
        .orderBy('placements', 'DESC')
        .addOrderBy('category', 'ASC');
      if (labIds) query.addSelect('talent.labId', 'labId').where('talent.labId IN (:...labIds)', { labIds }).addGroupBy('talent.labId');
      return query.getRawMany<{ labId?: string; category: Category; placements: string | number }>();
    };
    if (labIds) people.addSelect('talent.labId', 'labId').where('talent.labId IN (:...labIds)', { labIds }).groupBy('talent.labId');
    const [counts, bySector, byKind] = await Promise.all([
      people.getRawMany<{
        labId?: string;
        total: string | number;
        phdCandidates: string | number | null;
        graduated: string | number | null;
        retained: string | number | null;
        international: string | number | null;
      }>(),
      placements('sector', 'unknown'),
      placements<PlacementOrganisationKind>('organisationKind', 'UNKNOWN'),
    ]);
    const figures = new Map<string | null, TalentFigures>();
    const of = (labId: string | undefined) => {
      const key = labId ?? null;
      if (!figures.has(key)) figures.set(key, { ...noFigures, placementsBySector: [], placementsByOrganisationKind: [] });
      return figures.get(key)!;
    };
    for (const row of counts) {
      Object.assign(of(row.labId), {
        total: Number(row.total),
        phdCandidates: Number(row.phdCandidates ?? 0),
        graduated: Number(row.graduated ?? 0),
        retainedInNetherlands: Number(row.retained ?? 0),
        international: Number(row.international ?? 0),
      });
    }
    for (const row of bySector) of(row.labId).placementsBySector.push({ sector: row.category, placements: Number(row.placements) });
    for (const row of byKind) of(row.labId).placementsByOrganisationKind.push({ kind: row.category, placements: Number(row.placements) });
    return figures;
  }

  /** How many graduates of each lab work or worked at each of the given organisations. */
  partnerHires(
    labIds: readonly string[],
    organisationIds: readonly string[],
  ): Promise<Array<{ labId: string; organisationId: string; graduates: string | number }>> {
    return this.manager
      .getRepository(PlacementEntity)
      .createQueryBuilder('placement')
      .innerJoin(TalentEntity, 'talent', 'talent.id = placement.talentId')
      .select('talent.labId', 'labId')
      .addSelect('placement.organisationId', 'organisationId')
      .addSelect('COUNT(DISTINCT talent.id)', 'graduates')
      .where('talent.stage = :graduated', { graduated: 'GRADUATED' })
      .andWhere('talent.labId IN (:...labIds)', { labIds })
      .andWhere('placement.organisationId IN (:...organisationIds)', { organisationIds })
      .groupBy('talent.labId')
      .addGroupBy('placement.organisationId')
      .getRawMany();
  }
}

import { EntityRepository } from '@nlai/database';
import { entityOrdering, keysetConnection, orderingFor, type Connection } from '@nlai/paging';
import type { SelectQueryBuilder } from 'typeorm';
import { LabEntity, labThemes } from '../entities';
import type { LabCityCount, LabFilter, LabOrder, LabStatusCount, LabThemeCount, QueryLabsArgs } from '../generated/resolvers-types';

/** Newest first: by start year, labs still without one (in development) first, then by name. */
const byStartYear = entityOrdering<LabEntity>('labs:newest', 'lab', [
  { column: 'startYear', direction: 'DESC', type: 'number', nulls: 'FIRST' },
  { column: 'name', direction: 'ASC', type: 'string' },
]);

const byName = entityOrdering<LabEntity>('labs:name', 'lab', [{ column: 'name', direction: 'ASC', type: 'string' }]);

/** The ordering of the labs list for an `orderBy` argument; newest first when none is given. */
const labOrdering = (orderBy?: LabOrder | null) =>
  orderingFor(
    { START_YEAR: { ordering: byStartYear, natural: 'DESC' }, NAME: { ordering: byName, natural: 'ASC' } },
    orderBy,
    'START_YEAR',
  );

/** Lab counts of the network, each computed by the database. */
export interface LabCounts {
  total: number;
  byStatus: LabStatusCount[];
  byCity: LabCityCount[];
  byTheme: LabThemeCount[];
}

/** Lab reads and writes; all SQL about labs and their themes lives here. */
export class LabRepository extends EntityRepository.of(LabEntity, 'lab') {
  private filtered(filter: LabFilter): SelectQueryBuilder<LabEntity> {
    const query = this.whereEqual(this.query(), { status: filter.status });
    if (filter.city) {
      query.andWhere('lab.locationId IN (SELECT location.id FROM location WHERE LOWER(location.city) = :city)', {
        city: filter.city.trim().toLowerCase(),
      });
    }
    labThemes.whereLabelled(query, 'lab', filter.theme);
    if (filter.partnerId) {
      query.andWhere('lab.id IN (SELECT partnership.lab_id FROM partnership WHERE partnership.organisation_id = :partnerId)', {
        partnerId: filter.partnerId,
      });
    }
    return query;
  }

  /** The `labs` list: one page of the labs matching the filter, in the order asked for. */
  list(args: QueryLabsArgs): Promise<Connection<LabEntity>> {
    return keysetConnection(args, labOrdering(args.orderBy), () => this.filtered(args.filter ?? {}));
  }

  /** The network's lab figures: four GROUP BY queries, whatever the number of labs. */
  async counts(): Promise<LabCounts> {
    const labs = this.table;
    const [total, byStatus, byCity, byTheme] = await Promise.all([
      labs.count(),
      labs
        .createQueryBuilder('lab')
        .select('lab.status', 'status')
        .addSelect('COUNT(*)', 'labs')
        .groupBy('lab.status')
        .orderBy('labs', 'DESC')
        .addOrderBy('status', 'ASC')
        .getRawMany(),
      labs
        .createQueryBuilder('lab')
        .innerJoin('lab.location', 'location')
        .select('location.city', 'city')
        .addSelect('COUNT(*)', 'labs')
        .groupBy('location.city')
        .orderBy('labs', 'DESC')
        .addOrderBy('city', 'ASC')
        .getRawMany(),
      this.manager
        .getRepository(labThemes.entity)
        .createQueryBuilder('lab_theme')
        .select('lab_theme.theme', 'theme')
        .addSelect('COUNT(*)', 'labs')
        .groupBy('lab_theme.theme')
        .orderBy('labs', 'DESC')
        .addOrderBy('theme', 'ASC')
        .getRawMany(),
    ]);
    const counted = <T extends { labs: unknown }>(rows: T[]) => rows.map((row) => ({ ...row, labs: Number(row.labs) }));
    return { total, byStatus: counted(byStatus), byCity: counted(byCity), byTheme: counted(byTheme) };
  }

  findByLocationIds(locationIds: readonly string[]): Promise<LabEntity[]> {
    return this.findWhereIn('locationId', locationIds, { name: 'ASC' });
  }

  /** The lab with this name in any letter case, if any. */
  findByName(name: string): Promise<LabEntity | null> {
    return this.query().where('LOWER(lab.name) = :name', { name: name.toLowerCase() }).getOne();
  }

  /** The themes of each of these labs, in display order. */
  themesOf(labIds: readonly string[]): Promise<string[][]> {
    return labThemes.labelsOf(this.manager, labIds);
  }

  /** A new lab with its themes. */
  async insertWithThemes(lab: LabEntity, themes: string[]): Promise<void> {
    await this.insert(lab);
    await this.replaceThemes(lab.id, themes);
  }

  replaceThemes(labId: string, themes: string[]): Promise<void> {
    return labThemes.replace(this.manager, labId, themes);
  }
}

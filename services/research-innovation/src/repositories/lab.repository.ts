import { orderAndSeek, orderingFor, type Ordering, type PageRequest } from '@nlai/paging';
import { In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { LabEntity, LabThemeEntity } from '../entities';
import type { LabCityCount, LabFilter, LabOrder, LabStatusCount, LabThemeCount } from '../generated/resolvers-types';

/** Newest first: by start year, labs still without one (in development) first, then by name. */
const byStartYear: Ordering<LabEntity> = {
  name: 'labs:newest',
  keys: [
    { expression: 'lab.startYear', direction: 'DESC', type: 'number', nulls: 'FIRST' },
    { expression: 'lab.name', direction: 'ASC', type: 'string' },
    { expression: 'lab.id', direction: 'ASC', type: 'string' },
  ],
  valuesOf: (lab) => [lab.startYear, lab.name, lab.id],
};

const byName: Ordering<LabEntity> = {
  name: 'labs:name',
  keys: [
    { expression: 'lab.name', direction: 'ASC', type: 'string' },
    { expression: 'lab.id', direction: 'ASC', type: 'string' },
  ],
  valuesOf: (lab) => [lab.name, lab.id],
};

/** The ordering of the labs list for an `orderBy` argument; newest first when none is given. */
export const labOrdering = (orderBy?: LabOrder | null) =>
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
export class LabRepository {
  constructor(private readonly manager: EntityManager) {}

  private filtered(filter: LabFilter): SelectQueryBuilder<LabEntity> {
    const query = this.manager.getRepository(LabEntity).createQueryBuilder('lab');
    if (filter.status) query.andWhere('lab.status = :status', { status: filter.status });
    if (filter.city) {
      query.andWhere('lab.locationId IN (SELECT location.id FROM location WHERE LOWER(location.city) = :city)', {
        city: filter.city.trim().toLowerCase(),
      });
    }
    if (filter.theme) {
      query.andWhere('lab.id IN (SELECT lab_theme.lab_id FROM lab_theme WHERE LOWER(lab_theme.theme) = :theme)', {
        theme: filter.theme.trim().toLowerCase(),
      });
    }
    if (filter.partnerId) {
      query.andWhere('lab.id IN (SELECT partnership.lab_id FROM partnership WHERE partnership.organisation_id = :partnerId)', {
        partnerId: filter.partnerId,
      });
    }
    return query;
  }

  /** One page in the ordering, plus one row to tell whether another page follows. */
  findPage(filter: LabFilter, ordering: Ordering<LabEntity>, page: PageRequest): Promise<LabEntity[]> {
    return orderAndSeek(this.filtered(filter), ordering, page.after)
      .take(page.size + 1)
      .getMany();
  }

  /** The network's lab figures: four GROUP BY queries, whatever the number of labs. */
  async counts(): Promise<LabCounts> {
    const labs = this.manager.getRepository(LabEntity);
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
        .getRepository(LabThemeEntity)
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

  count(filter: LabFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  findByIds(ids: readonly string[]): Promise<LabEntity[]> {
    return this.manager.getRepository(LabEntity).findBy({ id: In([...ids]) });
  }

  findByLocationIds(locationIds: readonly string[]): Promise<LabEntity[]> {
    return this.manager
      .getRepository(LabEntity)
      .createQueryBuilder('lab')
      .where('lab.locationId IN (:...locationIds)', { locationIds })
      .orderBy('lab.name', 'ASC')
      .getMany();
  }

  /** The lab with this name in any letter case, if any. */
  findByName(name: string): Promise<LabEntity | null> {
    return this.manager
      .getRepository(LabEntity)
      .createQueryBuilder('lab')
      .where('LOWER(lab.name) = :name', { name: name.toLowerCase() })
      .getOne();
  }

  async idExists(id: string): Promise<boolean> {
    return (await this.manager.getRepository(LabEntity).countBy({ id })) > 0;
  }

  /** Theme rows of these labs, in display order. */
  findThemes(labIds: readonly string[]): Promise<LabThemeEntity[]> {
    return this.manager.getRepository(LabThemeEntity).find({ where: { labId: In([...labIds]) }, order: { labId: 'ASC', position: 'ASC' } });
  }

  async insert(lab: LabEntity, themes: string[]): Promise<void> {
    await this.manager.insert(LabEntity, lab);
    await this.replaceThemes(lab.id, themes);
  }

  async update(id: string, changes: Partial<Omit<LabEntity, 'id'>>): Promise<void> {
    if (Object.keys(changes).length > 0) await this.manager.update(LabEntity, { id }, changes);
  }

  async replaceThemes(labId: string, themes: string[]): Promise<void> {
    await this.manager.delete(LabThemeEntity, { labId });
    if (themes.length)
      await this.manager.insert(
        LabThemeEntity,
        themes.map((theme, position) => ({ labId, theme, position })),
      );
  }
}

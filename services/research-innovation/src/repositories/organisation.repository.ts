import { orderAndSeek, orderingFor, type Ordering, type PageRequest } from '@nlai/paging';
import { In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { OrganisationEntity } from '../entities';
import type { OrganisationFilter, OrganisationOrder } from '../generated/resolvers-types';

/** Alphabetical. */
const byName: Ordering<OrganisationEntity> = {
  name: 'organisations:name',
  keys: [
    { expression: 'organisation.name', direction: 'ASC', type: 'string' },
    { expression: 'organisation.id', direction: 'ASC', type: 'string' },
  ],
  valuesOf: (organisation) => [organisation.name, organisation.id],
};

/** The ordering of the organisations list for an `orderBy` argument; alphabetical when none is given. */
export const organisationOrdering = (orderBy?: OrganisationOrder | null) =>
  orderingFor({ NAME: { ordering: byName, natural: 'ASC' } }, orderBy, 'NAME');

// LIKE treats % and _ as wildcards; a name filter means the text itself. The
// escape character is `!`: a backslash means different things in MySQL and SQLite literals.
const likePattern = (text: string) =>
  `%${text
    .trim()
    .toLowerCase()
    .replace(/[!%_]/g, (character) => `!${character}`)}%`;

/** Organisation reads and writes. */
export class OrganisationRepository {
  constructor(private readonly manager: EntityManager) {}

  private filtered(filter: OrganisationFilter): SelectQueryBuilder<OrganisationEntity> {
    const query = this.manager.getRepository(OrganisationEntity).createQueryBuilder('organisation');
    if (filter.kind) query.andWhere('organisation.kind = :kind', { kind: filter.kind });
    if (filter.name?.trim()) query.andWhere("LOWER(organisation.name) LIKE :name ESCAPE '!'", { name: likePattern(filter.name) });
    return query;
  }

  findPage(filter: OrganisationFilter, ordering: Ordering<OrganisationEntity>, page: PageRequest): Promise<OrganisationEntity[]> {
    return orderAndSeek(this.filtered(filter), ordering, page.after)
      .take(page.size + 1)
      .getMany();
  }

  count(filter: OrganisationFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  findByIds(ids: readonly string[]): Promise<OrganisationEntity[]> {
    return this.manager.getRepository(OrganisationEntity).findBy({ id: In([...ids]) });
  }

  findByName(name: string): Promise<OrganisationEntity | null> {
    return this.manager
      .getRepository(OrganisationEntity)
      .createQueryBuilder('organisation')
      .where('LOWER(organisation.name) = :name', { name: name.toLowerCase() })
      .getOne();
  }

  findByRorId(rorId: string): Promise<OrganisationEntity | null> {
    return this.manager.getRepository(OrganisationEntity).findOneBy({ rorId });
  }

  async idExists(id: string): Promise<boolean> {
    return (await this.manager.getRepository(OrganisationEntity).countBy({ id })) > 0;
  }

  async insert(organisation: OrganisationEntity): Promise<void> {
    await this.manager.insert(OrganisationEntity, organisation);
  }
}

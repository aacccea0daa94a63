import { orderAndSeek, type Ordering, type PageRequest } from '@nlai/paging';
import { In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { OrganisationEntity, type OrganisationKind } from '../entities';

/** Filters of the `organisations` list. */
export interface OrganisationFilter {
  kind?: OrganisationKind | null;
}

/** Alphabetical. */
export const organisationOrdering: Ordering<OrganisationEntity> = {
  name: 'organisations:name',
  keys: [
    { expression: 'organisation.name', direction: 'ASC', type: 'string' },
    { expression: 'organisation.id', direction: 'ASC', type: 'string' },
  ],
  valuesOf: (organisation) => [organisation.name, organisation.id],
};

/** Organisation reads and writes. */
export class OrganisationRepository {
  constructor(private readonly manager: EntityManager) {}

  private filtered(filter: OrganisationFilter): SelectQueryBuilder<OrganisationEntity> {
    const query = this.manager.getRepository(OrganisationEntity).createQueryBuilder('organisation');
    if (filter.kind) query.andWhere('organisation.kind = :kind', { kind: filter.kind });
    return query;
  }

  findPage(filter: OrganisationFilter, page: PageRequest): Promise<OrganisationEntity[]> {
    return orderAndSeek(this.filtered(filter), organisationOrdering, page.after).take(page.size + 1).getMany();
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

import { EntityRepository } from '@nlai/database';
import { entityOrdering, keysetConnection, orderingFor, type Connection } from '@nlai/paging';
import type { SelectQueryBuilder } from 'typeorm';
import { OrganisationEntity } from '../entities';
import type { OrganisationFilter, OrganisationOrder, QueryOrganisationsArgs } from '../generated/resolvers-types';

/** Alphabetical. */
const byName = entityOrdering<OrganisationEntity>('organisations:name', 'organisation', [
  { column: 'name', direction: 'ASC', type: 'string' },
]);

/** The ordering of the organisations list for an `orderBy` argument; alphabetical when none is given. */
const organisationOrdering = (orderBy?: OrganisationOrder | null) =>
  orderingFor({ NAME: { ordering: byName, natural: 'ASC' } }, orderBy, 'NAME');

// LIKE treats % and _ as wildcards; a name filter means the text itself. The
// escape character is `!`: a backslash means different things in MySQL and SQLite literals.
const likePattern = (text: string) =>
  `%${text
    .trim()
    .toLowerCase()
    .replace(/[!%_]/g, (character) => `!${character}`)}%`;

/** Organisation reads and writes. */
export class OrganisationRepository extends EntityRepository.of(OrganisationEntity, 'organisation') {
  private filtered(filter: OrganisationFilter): SelectQueryBuilder<OrganisationEntity> {
    const query = this.whereEqual(this.query(), { kind: filter.kind });
    if (filter.name?.trim()) query.andWhere("LOWER(organisation.name) LIKE :name ESCAPE '!'", { name: likePattern(filter.name) });
    return query;
  }

  /** The `organisations` list: one page of the organisations matching the filter, in the order asked for. */
  list(args: QueryOrganisationsArgs): Promise<Connection<OrganisationEntity>> {
    return keysetConnection(args, organisationOrdering(args.orderBy), () => this.filtered(args.filter ?? {}));
  }

  /** The organisation with this name in any letter case, if any. */
  findByName(name: string): Promise<OrganisationEntity | null> {
    return this.query().where('LOWER(organisation.name) = :name', { name: name.toLowerCase() }).getOne();
  }

  findByRorId(rorId: string): Promise<OrganisationEntity | null> {
    return this.table.findOneBy({ rorId });
  }
}

import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity, Repository, SelectQueryBuilder } from 'typeorm';

/** A row with a string id, as every entity of the services has. */
export type IdentifiedRow = ObjectLiteral & { id: string };

/**
 * The reads and writes every repository does the same way for its entity:
 * by id, by a foreign key, insert and update. Subclasses add the queries of
 * their domain; all of them stay bound to one entity manager (the pool, or a
 * transaction).
 */
export abstract class EntityRepository<Entity extends IdentifiedRow> {
  protected constructor(
    protected readonly manager: EntityManager,
    private readonly entity: EntityTarget<Entity>,
    /** The entity's alias in query builders, e.g. `lab`: filters and orderings name columns as `lab.name`. */
    protected readonly alias: string,
  ) {}

  /**
   * The base class of one entity's repository, bound to its entity and alias:
   * `class LabRepository extends EntityRepository.of(LabEntity, 'lab')`.
   */
  static of<Entity extends IdentifiedRow>(
    entity: EntityTarget<Entity>,
    alias: string,
  ): new (manager: EntityManager) => EntityRepository<Entity> {
    return class extends EntityRepository<Entity> {
      constructor(manager: EntityManager) {
        super(manager, entity, alias);
      }
    };
  }

  /** The entity's TypeORM repository, for the domain queries of a subclass. */
  protected get table(): Repository<Entity> {
    return this.manager.getRepository(this.entity);
  }

  /** A query over the entity's table, under its alias. */
  protected query(): SelectQueryBuilder<Entity> {
    return this.table.createQueryBuilder(this.alias);
  }

  /**
   * Keeps the rows whose columns equal the values given, e.g. a list
   * filter's fields: a value left out, null or empty means any.
   */
  protected whereEqual<Row extends ObjectLiteral>(
    query: SelectQueryBuilder<Row>,
    values: Partial<Record<keyof Entity & string, string | number | null>>,
  ): SelectQueryBuilder<Row> {
    for (const [column, value] of Object.entries(values)) {
      if (value != null && value !== '') query.andWhere(`${this.alias}.${column} = :${column}`, { [column]: value });
    }
    return query;
  }

  /** The rows with these ids, in no particular order (loaders put them in place). */
  findByIds(ids: readonly string[]): Promise<Entity[]> {
    return this.query()
      .whereInIds([...ids])
      .getMany();
  }

  async idExists(id: string): Promise<boolean> {
    return (await this.query().where(`${this.alias}.id = :id`, { id }).getCount()) > 0;
  }

  async insert(rows: Entity | Entity[]): Promise<void> {
    if (!Array.isArray(rows) || rows.length > 0) await this.manager.insert(this.entity, rows);
  }

  /** Writes the changed fields of one row; no statement when nothing changed. */
  async update(id: string, changes: QueryDeepPartialEntity<Entity>): Promise<void> {
    if (Object.keys(changes).length > 0) await this.manager.update(this.entity, id, changes);
  }

  /**
   * The rows whose `column` holds one of `values` (a batch loader's keys),
   * in the order given: one statement for any number of keys.
   */
  protected findWhereIn(
    column: keyof Entity & string,
    values: readonly string[],
    order: Partial<Record<keyof Entity & string, 'ASC' | 'DESC'>>,
  ): Promise<Entity[]> {
    if (values.length === 0) return Promise.resolve([]);
    const query = this.query().where(`${this.alias}.${column} IN (:...values)`, { values: [...values] });
    for (const [orderColumn, direction] of Object.entries(order)) query.addOrderBy(`${this.alias}.${orderColumn}`, direction);
    return query.getMany();
  }
}

/** The repositories of a service, each bound to the same entity manager. */
export type BoundRepositories<Classes> = {
  [Name in keyof Classes]: Classes[Name] extends new (manager: EntityManager) => infer Bound ? Bound : never;
};

/**
 * Binds a service's repository classes, by name, to one entity manager (the
 * pool, or a transaction): `repositoriesOf({ labs: LabRepository })(manager).labs`.
 */
export function repositoriesOf<Classes extends Record<string, new (manager: EntityManager) => object>>(
  classes: Classes,
): (manager: EntityManager) => BoundRepositories<Classes> {
  return (manager) =>
    // Object.fromEntries loses the names' types; each entry is an instance of the class under the same name.
    Object.fromEntries(Object.entries(classes).map(([name, Repository]) => [name, new Repository(manager)])) as BoundRepositories<Classes>;
}

import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type EntityManager,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import { manyPer } from './batch';

/** A row of a label table, e.g. `{ labId, theme, position }`: the owner's id, the label, its place in the owner's list. */
export type LabelRow = Record<string, string | number>;

/** What names a label table; every other name follows from these. */
export interface LabelTableOptions {
  /** The owner's table, e.g. `lab`: the table is `lab_theme`, the owner key `labId` in column `lab_id`, the relation `lab`. */
  owner: string;
  /** The owner's entity class: a label row goes with its owner (ON DELETE CASCADE). */
  ownerEntity: () => abstract new () => object;
  /** The label's property and column, e.g. `theme`. */
  label: string;
}

/**
 * A table of short labels of a row (a lab's themes, a course's sectors), in
 * display order: primary key (owner id, label), and an index on (label,
 * owner id) so that owners are filtered by label on an index. Its `entity`
 * is listed with the service's entities; the methods read and write it.
 */
export class LabelTable {
  /** The table's name and query alias, e.g. `lab_theme`. */
  readonly table: string;
  /**
   * The entity class, e.g. `LabThemeEntity`: decorated here rather than
   * written out, since every label table has the same columns under other
   * names. A class, not an entity schema: TypeORM relates schemas only to
   * schemas, and the owner is a class.
   */
  readonly entity: new () => LabelRow;
  private readonly ownerKey: string;
  private readonly ownerColumn: string;
  private readonly label: string;

  constructor({ owner, ownerEntity, label }: LabelTableOptions) {
    this.table = `${owner}_${label}`;
    this.ownerKey = `${owner}Id`;
    this.ownerColumn = `${owner}_id`;
    this.label = label;
    const className = `${this.table.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}Entity`;
    // A computed key names the class, so TypeORM's messages say e.g. LabThemeEntity.
    const entity = {
      [className]: class {
        [column: string]: string | number;
      },
    }[className]!;
    Entity({ name: this.table })(entity);
    Index(`ix_${this.table}_${label}`, [label, this.ownerKey])(entity);
    PrimaryColumn({ name: this.ownerColumn, type: 'varchar', length: 64 })(entity.prototype, this.ownerKey);
    PrimaryColumn({ type: 'varchar', length: 80 })(entity.prototype, label);
    Column({ type: 'int' })(entity.prototype, 'position');
    ManyToOne(ownerEntity, { onDelete: 'CASCADE' })(entity.prototype, owner);
    JoinColumn({ name: this.ownerColumn, foreignKeyConstraintName: `fk_${this.table}_${owner}` })(entity.prototype, owner);
    this.entity = entity;
  }

  /** The labels of each owner, in display order, aligned with `ownerIds`: one statement for all. */
  async labelsOf(manager: EntityManager, ownerIds: readonly string[]): Promise<string[][]> {
    const rows = await manager
      .getRepository(this.entity)
      .createQueryBuilder(this.table)
      .where(`${this.table}.${this.ownerKey} IN (:...ownerIds)`, { ownerIds: [...ownerIds] })
      .orderBy(`${this.table}.${this.ownerKey}`, 'ASC')
      .addOrderBy(`${this.table}.position`, 'ASC')
      .getMany();
    return manyPer(ownerIds, rows, (row) => String(row[this.ownerKey])).map((owned) => owned.map((row) => String(row[this.label])));
  }

  /** The rows of one owner's labels, in this order. */
  rowsOf(ownerId: string, labels: readonly string[]): LabelRow[] {
    return labels.map((label, position) => ({ [this.ownerKey]: ownerId, [this.label]: label, position }));
  }

  /** Replaces an owner's labels by these, in this order: a delete, and an insert when there are any. */
  async replace(manager: EntityManager, ownerId: string, labels: readonly string[]): Promise<void> {
    await manager.delete(this.entity, { [this.ownerKey]: ownerId });
    if (labels.length > 0) await manager.insert(this.entity, this.rowsOf(ownerId, labels));
  }

  /** Keeps the owners (under `ownerAlias` in the query) that have this label, in any letter case; all of them for no label. */
  whereLabelled<Row extends ObjectLiteral>(
    query: SelectQueryBuilder<Row>,
    ownerAlias: string,
    label: string | null | undefined,
  ): SelectQueryBuilder<Row> {
    if (!label) return query;
    const { table, ownerColumn } = this;
    return query.andWhere(
      `${ownerAlias}.id IN (SELECT ${table}.${ownerColumn} FROM ${table} WHERE LOWER(${table}.${this.label}) = :${this.label})`,
      {
        [this.label]: label.trim().toLowerCase(),
      },
    );
  }
}

import { Column, PrimaryColumn } from 'typeorm';

// The column kinds the services' entities share, so that an id, a year or a
// flag has the same SQL type in every table. Each is a TypeORM column; the
// migrations spell out the same types.

/** The entity's own id: a slug or random id, at most `length` characters (64 unless said). */
export function IdColumn(length = 64): PropertyDecorator {
  return PrimaryColumn({ type: 'varchar', length });
}

/** The id of another row, in this database (beside a relation) or in another subgraph's. */
export function KeyColumn(name: string, options: { length?: number; nullable?: boolean } = {}): PropertyDecorator {
  return Column({ name, type: 'varchar', length: options.length ?? 64, nullable: options.nullable ?? false });
}

/** A calendar year. */
export function YearColumn(name: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  return Column({ name, type: 'int', nullable: options.nullable ?? false });
}

/** A text of at most `length` characters. */
export function TextColumn(length: number, options: { name?: string; nullable?: boolean } = {}): PropertyDecorator {
  return Column({ ...(options.name ? { name: options.name } : {}), type: 'varchar', length, nullable: options.nullable ?? false });
}

/** True for a row that stands in for a record no public source names (sample data). */
export function PlaceholderColumn(): PropertyDecorator {
  return Column({ type: 'boolean', default: false });
}

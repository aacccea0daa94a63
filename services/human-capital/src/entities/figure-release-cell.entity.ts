import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One cell of a release, exact and private: how many people (or placements)
 * it counts and the sum of their record keys, from which the published value
 * is worked out. Never served as such.
 */
@Entity({ name: 'figure_release_cell' })
export class FigureReleaseCellEntity {
  @PrimaryColumn({ name: 'release_id', type: 'varchar', length: 32 })
  releaseId!: string;

  /** A lab's id, or `*` for the whole network. */
  @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 64 })
  groupId!: string;

  /** E.g. `graduated`, `sector:health`, `kind:COMPANY`, `hires:qualcomm`. */
  @PrimaryColumn({ type: 'varchar', length: 120 })
  cell!: string;

  @Column({ type: 'int' })
  count!: number;

  /** The sum of the record keys behind the count, modulo the key range. */
  @Column({ name: 'key_sum', type: 'int' })
  keySum!: number;
}

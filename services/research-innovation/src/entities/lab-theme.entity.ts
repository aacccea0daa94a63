import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LabEntity } from './lab.entity';

/** One area of expertise of a lab; a table of its own so labs can be filtered by theme on an index. */
@Entity({ name: 'lab_theme' })
@Index('ix_lab_theme_theme', ['theme', 'labId'])
export class LabThemeEntity {
  @PrimaryColumn({ name: 'lab_id', type: 'varchar', length: 64 })
  labId!: string;

  @PrimaryColumn({ type: 'varchar', length: 80 })
  theme!: string;

  /** Display order within the lab. */
  @Column({ type: 'int' })
  position!: number;

  @ManyToOne(() => LabEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id', foreignKeyConstraintName: 'fk_lab_theme_lab' })
  lab?: LabEntity;
}

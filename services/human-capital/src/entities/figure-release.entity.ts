import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A release of the public talent figures: computed at one moment, then served until the next. */
@Entity({ name: 'figure_release' })
@Index('ix_figure_release_published', ['publishedAt', 'id'])
export class FigureReleaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id!: string;

  @Column({ name: 'published_at', type: 'datetime', precision: 3 })
  publishedAt!: Date;
}

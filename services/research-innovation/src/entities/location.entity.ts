import { IdColumn, KeyColumn, TextColumn } from '@nlai/database';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

export type NetworkRole = 'HUB' | 'SPOKE';

/** A city in the NL AIC hub-and-spoke network. */
@Entity({ name: 'location' })
export class LocationEntity {
  @IdColumn()
  id!: string;

  @Index('uq_location_city', { unique: true })
  @TextColumn(100)
  city!: string;

  @TextColumn(16)
  role!: NetworkRole;

  /** The NL AIC regional AI hub the city belongs to. */
  @TextColumn(100)
  region!: string;

  /** The region's own areas of expertise, in display order. */
  @Column({ type: 'simple-json' })
  expertise!: string[];

  @Index('ix_location_hub')
  @KeyColumn('hub_id', { nullable: true })
  hubId!: string | null;

  @ManyToOne(() => LocationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hub_id', foreignKeyConstraintName: 'fk_location_hub' })
  hub?: LocationEntity | null;
}

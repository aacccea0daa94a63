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

  /** City centre latitude, WGS 84 degrees; null where not recorded. */
  @Column({ type: 'double', nullable: true })
  latitude!: number | null;

  /** City centre longitude, WGS 84 degrees; null where not recorded. */
  @Column({ type: 'double', nullable: true })
  longitude!: number | null;

  /** The public record the coordinates come from (a URL). */
  @Column({ name: 'coordinates_source', type: 'varchar', length: 500, nullable: true })
  coordinatesSource!: string | null;

  @ManyToOne(() => LocationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hub_id', foreignKeyConstraintName: 'fk_location_hub' })
  hub?: LocationEntity | null;
}

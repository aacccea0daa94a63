import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export type NetworkRole = 'HUB' | 'SPOKE';

/** A city in the NL AIC hub-and-spoke network. */
@Entity({ name: 'location' })
export class LocationEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Index('uq_location_city', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  city!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: NetworkRole;

  /** The NL AIC regional AI hub the city belongs to. */
  @Column({ type: 'varchar', length: 100 })
  region!: string;

  /** The region's own areas of expertise, in display order. */
  @Column({ type: 'simple-json' })
  expertise!: string[];

  @Index('ix_location_hub')
  @Column({ name: 'hub_id', type: 'varchar', length: 64, nullable: true })
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

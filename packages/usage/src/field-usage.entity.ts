import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How often one client version used one schema coordinate in one hour. */
@Entity({ name: 'field_usage' })
export class FieldUsageEntity {
  /** The hour's start, UTC. */
  @PrimaryColumn({ type: 'datetime' })
  hour!: Date;

  /** `apollographql-client-name`, or `unknown`. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  client!: string;

  /** `apollographql-client-version`, or `unknown`. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  version!: string;

  /** `Type.field`, `Type.field(argument:)`, `Input.field` or `Enum.VALUE`. */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  coordinate!: string;

  /** Operations that used it (scaled up by the gateway's sample rate). */
  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) } })
  uses!: number;
}

/** A spool file already collected: collecting it again adds nothing, even if deleting it failed. */
@Entity({ name: 'usage_spool_file' })
export class UsageSpoolFileEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'collected_at', type: 'datetime' })
  collectedAt!: Date;
}

export { UsageStore, coordinateConditions } from './usage-store';
export type { CollectedSpool, CoordinateUse, SpoolRecord, UsageStoreLocation } from './usage-store';
export { describeStore, openUsage, usageConfigFrom } from './usage-config';
export type { UsageConfig } from './usage-config';
export { formatUse } from './format-use';
export { FieldUsageEntity, UsageSpoolFileEntity } from './field-usage.entity';
export { FieldUsageMysql1764489600000, FieldUsageSqlite1764489600000 } from './migrations/field-usage';

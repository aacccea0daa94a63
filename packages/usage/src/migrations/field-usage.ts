import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The field_usage and usage_spool_file tables, on SQLite. */
export class FieldUsageSqlite1764489600000 implements MigrationInterface {
  name = 'FieldUsage1764489600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "field_usage" ("hour" datetime NOT NULL, "client" varchar(100) NOT NULL, "version" varchar(100) NOT NULL, "coordinate" varchar(255) NOT NULL, "uses" bigint NOT NULL, PRIMARY KEY ("hour", "client", "version", "coordinate"))`,
    );
    // schema:check and `npm run usage` ask by coordinate and time.
    await queryRunner.query(`CREATE INDEX "field_usage_coordinate_hour" ON "field_usage" ("coordinate", "hour")`);
    await queryRunner.query(`CREATE TABLE "usage_spool_file" ("name" varchar(200) PRIMARY KEY NOT NULL, "collected_at" datetime NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "usage_spool_file"`);
    await queryRunner.query(`DROP TABLE "field_usage"`);
  }
}

/** The field_usage and usage_spool_file tables, on MySQL/MariaDB; binary collation, as GraphQL names are case-sensitive. */
export class FieldUsageMysql1764489600000 implements MigrationInterface {
  name = 'FieldUsage1764489600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `field_usage` (`hour` datetime NOT NULL, `client` varchar(100) NOT NULL, `version` varchar(100) NOT NULL, `coordinate` varchar(255) NOT NULL, `uses` bigint NOT NULL, PRIMARY KEY (`hour`, `client`, `version`, `coordinate`), INDEX `field_usage_coordinate_hour` (`coordinate`, `hour`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
    );
    await queryRunner.query(
      'CREATE TABLE `usage_spool_file` (`name` varchar(200) NOT NULL, `collected_at` datetime NOT NULL, PRIMARY KEY (`name`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `usage_spool_file`');
    await queryRunner.query('DROP TABLE `field_usage`');
  }
}

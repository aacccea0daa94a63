import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The idempotency_key table, for a service that lists this among its SQLite migrations. */
export class IdempotencyKeysSqlite1764460800000 implements MigrationInterface {
  name = 'IdempotencyKeys1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("key" varchar(100) PRIMARY KEY NOT NULL, "operation" varchar(64) NOT NULL, "fingerprint" varchar(64) NOT NULL, "result" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}

/** The idempotency_key table, for a service that lists this among its MySQL migrations. */
export class IdempotencyKeysMysql1764460800000 implements MigrationInterface {
  name = 'IdempotencyKeys1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `idempotency_key` (`key` varchar(100) NOT NULL, `operation` varchar(64) NOT NULL, `fingerprint` varchar(64) NOT NULL, `result` text NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (`key`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `idempotency_key`');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Record keys for the cell key method, and releases of the public figures (MySQL). Existing people get random keys. */
export class FigureReleases1764720000000 implements MigrationInterface {
  name = 'FigureReleases1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `talent` ADD `record_key` int NOT NULL DEFAULT 0');
    await queryRunner.query('UPDATE `talent` SET `record_key` = FLOOR(RAND() * 256)');
    await queryRunner.query(
      'CREATE TABLE `figure_release` (`id` varchar(32) NOT NULL, `published_at` datetime(3) NOT NULL, ' +
        'INDEX `ix_figure_release_published` (`published_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `figure_release_cell` (`release_id` varchar(32) NOT NULL, `group_id` varchar(64) NOT NULL, `cell` varchar(120) NOT NULL, ' +
        '`count` int NOT NULL, `key_sum` int NOT NULL, PRIMARY KEY (`release_id`, `group_id`, `cell`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `figure_release_cell`');
    await queryRunner.query('DROP TABLE `figure_release`');
    await queryRunner.query('ALTER TABLE `talent` DROP COLUMN `record_key`');
  }
}

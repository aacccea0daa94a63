import type { MigrationInterface, QueryRunner } from 'typeorm';

const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Locations, organisations, labs, their themes and partnerships (MySQL). */
export class Initial1764374400000 implements MigrationInterface {
  name = 'Initial1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE \`location\` (\`id\` varchar(64) NOT NULL, \`city\` varchar(100) NOT NULL, \`role\` varchar(16) NOT NULL, \`region\` varchar(100) NOT NULL, \`expertise\` text NOT NULL, \`hub_id\` varchar(64) NULL,
        UNIQUE INDEX \`uq_location_city\` (\`city\`), INDEX \`ix_location_hub\` (\`hub_id\`), PRIMARY KEY (\`id\`)) ${table}`,
      `CREATE TABLE \`organisation\` (\`id\` varchar(64) NOT NULL, \`name\` varchar(200) NOT NULL, \`kind\` varchar(32) NOT NULL, \`ror_id\` varchar(9) NULL, \`country\` varchar(2) NOT NULL, \`placeholder\` tinyint NOT NULL DEFAULT 0,
        UNIQUE INDEX \`uq_organisation_name\` (\`name\`), INDEX \`ix_organisation_kind\` (\`kind\`), UNIQUE INDEX \`uq_organisation_ror\` (\`ror_id\`), PRIMARY KEY (\`id\`)) ${table}`,
      `CREATE TABLE \`lab\` (\`id\` varchar(64) NOT NULL, \`name\` varchar(200) NOT NULL, \`status\` varchar(16) NOT NULL, \`location_id\` varchar(64) NOT NULL, \`start_year\` int NULL, \`end_year\` int NULL, \`placeholder\` tinyint NOT NULL DEFAULT 0, \`source_url\` varchar(500) NULL,
        UNIQUE INDEX \`uq_lab_name\` (\`name\`), INDEX \`ix_lab_status\` (\`status\`), INDEX \`ix_lab_location\` (\`location_id\`), INDEX \`ix_lab_start_year\` (\`start_year\`, \`id\`), PRIMARY KEY (\`id\`)) ${table}`,
      `CREATE TABLE \`lab_theme\` (\`lab_id\` varchar(64) NOT NULL, \`theme\` varchar(80) NOT NULL, \`position\` int NOT NULL,
        INDEX \`ix_lab_theme_theme\` (\`theme\`, \`lab_id\`), PRIMARY KEY (\`lab_id\`, \`theme\`)) ${table}`,
      `CREATE TABLE \`partnership\` (\`id\` varchar(64) NOT NULL, \`lab_id\` varchar(64) NOT NULL, \`organisation_id\` varchar(64) NOT NULL, \`role\` varchar(32) NOT NULL, \`start_year\` int NULL, \`end_year\` int NULL,
        INDEX \`ix_partnership_lab\` (\`lab_id\`), INDEX \`ix_partnership_organisation\` (\`organisation_id\`), PRIMARY KEY (\`id\`)) ${table}`,
      'ALTER TABLE `location` ADD CONSTRAINT `fk_location_hub` FOREIGN KEY (`hub_id`) REFERENCES `location`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
      'ALTER TABLE `lab` ADD CONSTRAINT `fk_lab_location` FOREIGN KEY (`location_id`) REFERENCES `location`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
      'ALTER TABLE `lab_theme` ADD CONSTRAINT `fk_lab_theme_lab` FOREIGN KEY (`lab_id`) REFERENCES `lab`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
      'ALTER TABLE `partnership` ADD CONSTRAINT `fk_partnership_lab` FOREIGN KEY (`lab_id`) REFERENCES `lab`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
      'ALTER TABLE `partnership` ADD CONSTRAINT `fk_partnership_organisation` FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['partnership', 'lab_theme', 'lab', 'organisation', 'location']) await queryRunner.query(`DROP TABLE \`${name}\``);
  }
}

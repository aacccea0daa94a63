import type { MigrationInterface, QueryRunner } from 'typeorm';

const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Talent, placements, courses and vacancies (MySQL). Lab and organisation ids are entity keys of another subgraph: no foreign keys. */
export class Initial1764374400000 implements MigrationInterface {
  name = 'Initial1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE \`talent\` (\`id\` varchar(32) NOT NULL, \`lab_id\` varchar(64) NOT NULL, \`stage\` varchar(16) NOT NULL, \`origin\` varchar(16) NOT NULL, \`start_year\` int NOT NULL, \`end_year\` int NULL,
        INDEX \`ix_talent_stage\` (\`stage\`), INDEX \`ix_talent_origin\` (\`origin\`), INDEX \`ix_talent_start\` (\`start_year\`, \`id\`), INDEX \`ix_talent_lab_start\` (\`lab_id\`, \`start_year\`, \`id\`), PRIMARY KEY (\`id\`)) ${table}`,
      `CREATE TABLE \`placement\` (\`id\` varchar(32) NOT NULL, \`talent_id\` varchar(32) NOT NULL, \`organisation_id\` varchar(64) NOT NULL, \`country\` varchar(2) NOT NULL, \`sector\` varchar(80) NULL, \`start_year\` int NOT NULL, \`end_year\` int NULL,
        INDEX \`ix_placement_organisation\` (\`organisation_id\`, \`start_year\`, \`id\`), INDEX \`ix_placement_talent\` (\`talent_id\`, \`start_year\`, \`id\`), PRIMARY KEY (\`id\`)) ${table}`,
      `CREATE TABLE \`course\` (\`id\` varchar(64) NOT NULL, \`title\` varchar(200) NOT NULL, \`kind\` varchar(32) NOT NULL, \`provider_id\` varchar(64) NULL, \`launch_year\` int NULL, \`placeholder\` tinyint NOT NULL DEFAULT 0,
        INDEX \`ix_course_kind\` (\`kind\`), INDEX \`ix_course_provider\` (\`provider_id\`), PRIMARY KEY (\`id\`)) ${table}`,
      `CREATE TABLE \`course_sector\` (\`course_id\` varchar(64) NOT NULL, \`sector\` varchar(80) NOT NULL, \`position\` int NOT NULL,
        INDEX \`ix_course_sector_sector\` (\`sector\`, \`course_id\`), PRIMARY KEY (\`course_id\`, \`sector\`)) ${table}`,
      `CREATE TABLE \`vacancy\` (\`id\` varchar(64) NOT NULL, \`title\` varchar(200) NOT NULL, \`organisation_id\` varchar(64) NOT NULL, \`posted_year\` int NOT NULL, \`placeholder\` tinyint NOT NULL DEFAULT 0,
        INDEX \`ix_vacancy_organisation\` (\`organisation_id\`), INDEX \`ix_vacancy_posted\` (\`posted_year\`, \`id\`), PRIMARY KEY (\`id\`)) ${table}`,
      `CREATE TABLE \`vacancy_theme\` (\`vacancy_id\` varchar(64) NOT NULL, \`theme\` varchar(80) NOT NULL, \`position\` int NOT NULL,
        INDEX \`ix_vacancy_theme_theme\` (\`theme\`, \`vacancy_id\`), PRIMARY KEY (\`vacancy_id\`, \`theme\`)) ${table}`,
      'ALTER TABLE `course_sector` ADD CONSTRAINT `fk_course_sector_course` FOREIGN KEY (`course_id`) REFERENCES `course`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
      'ALTER TABLE `placement` ADD CONSTRAINT `fk_placement_talent` FOREIGN KEY (`talent_id`) REFERENCES `talent`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
      'ALTER TABLE `vacancy_theme` ADD CONSTRAINT `fk_vacancy_theme_vacancy` FOREIGN KEY (`vacancy_id`) REFERENCES `vacancy`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['vacancy_theme', 'vacancy', 'course_sector', 'course', 'placement', 'talent'])
      await queryRunner.query(`DROP TABLE \`${name}\``);
  }
}

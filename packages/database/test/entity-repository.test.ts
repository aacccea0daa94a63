import { createTestDatabase, testDialects, type TestDatabase } from '@nlai/testing';
import { Entity, type DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import {
  databaseOptions,
  EntityRepository,
  IdColumn,
  KeyColumn,
  LabelTable,
  openDatabase,
  repositoriesOf,
  TextColumn,
  YearColumn,
} from '../src';
import { migrationsFor } from './lab-table';

/** A note in a folder, with tags in a label table. */
@Entity({ name: 'note' })
class NoteEntity {
  @IdColumn()
  id!: string;

  @TextColumn(200)
  title!: string;

  @KeyColumn('folder_id', { nullable: true })
  folderId!: string | null;

  @YearColumn('written_year')
  writtenYear!: number;
}

const noteTags = new LabelTable({ owner: 'note', ownerEntity: () => NoteEntity, label: 'tag' });

class CreateNotes1764374400000 implements MigrationInterface {
  name = 'CreateNotes1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE note (id varchar(64) NOT NULL PRIMARY KEY, title varchar(200) NOT NULL, folder_id varchar(64) NULL, written_year int NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE note_tag (note_id varchar(64) NOT NULL, tag varchar(80) NOT NULL, position int NOT NULL, PRIMARY KEY (note_id, tag), ' +
        'CONSTRAINT fk_note_tag_note FOREIGN KEY (note_id) REFERENCES note (id) ON DELETE CASCADE)',
    );
    await queryRunner.query('CREATE INDEX ix_note_tag_tag ON note_tag (tag, note_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE note_tag');
    await queryRunner.query('DROP TABLE note');
  }
}

class NoteRepository extends EntityRepository.of(NoteEntity, 'note') {
  findInFolders(folderIds: readonly string[]): Promise<NoteEntity[]> {
    return this.findWhereIn('folderId', folderIds, { writtenYear: 'DESC', id: 'ASC' });
  }

  /** The notes of a filter: equal fields, and a tag in any letter case. */
  matching(filter: { folderId?: string | null; writtenYear?: number | null; tag?: string | null }): Promise<NoteEntity[]> {
    const query = this.whereEqual(this.query(), { folderId: filter.folderId, writtenYear: filter.writtenYear });
    return noteTags.whereLabelled(query, 'note', filter.tag).orderBy('note.id', 'ASC').getMany();
  }
}

const repositories = repositoriesOf({ notes: NoteRepository });

describe.each(testDialects())('EntityRepository and LabelTable on %s', (dialect) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let manager: EntityManager;
  let notes: NoteRepository;

  beforeAll(async () => {
    database = await createTestDatabase(dialect, 'repository');
    ({ dataSource } = await openDatabase(
      databaseOptions({
        url: database.url,
        sqliteFile: database.sqliteFile,
        entities: [NoteEntity, noteTags.entity],
        migrations: migrationsFor(dialect, [CreateNotes1764374400000]),
      }),
    ));
    manager = dataSource.manager;
    ({ notes } = repositories(manager));
    await notes.insert([
      { id: 'a', title: 'Agenda', folderId: 'work', writtenYear: 2024 },
      { id: 'b', title: 'Budget', folderId: 'work', writtenYear: 2025 },
      { id: 'c', title: 'Cookbook', folderId: null, writtenYear: 2025 },
    ]);
    await noteTags.replace(manager, 'a', ['Planning', 'meetings']);
    await noteTags.replace(manager, 'b', ['money']);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('reads by id, by foreign key in the order asked for, and tells whether an id exists', async () => {
    expect((await notes.findByIds(['c', 'a', 'missing'])).map((note) => note.id).sort()).toEqual(['a', 'c']);
    expect((await notes.findInFolders(['work'])).map((note) => note.id)).toEqual(['b', 'a']);
    expect(await notes.findInFolders([])).toEqual([]);
    expect([await notes.idExists('a'), await notes.idExists('z')]).toEqual([true, false]);
  });

  it('filters on the fields given, taking null and empty values as any', async () => {
    expect((await notes.matching({ folderId: 'work', writtenYear: 2025 })).map((note) => note.id)).toEqual(['b']);
    expect((await notes.matching({ folderId: '', writtenYear: null })).map((note) => note.id)).toEqual(['a', 'b', 'c']);
  });

  it('filters owners by a label in any letter case', async () => {
    expect((await notes.matching({ tag: ' PLANNING ' })).map((note) => note.id)).toEqual(['a']);
    expect((await notes.matching({ tag: 'none' })).map((note) => note.id)).toEqual([]);
  });

  it('gives each owner its labels in display order, aligned with the ids asked for', async () => {
    expect(await noteTags.labelsOf(manager, ['b', 'c', 'a'])).toEqual([['money'], [], ['Planning', 'meetings']]);
  });

  it('replaces an owner’s labels, and updates only the fields changed', async () => {
    await noteTags.replace(manager, 'b', ['taxes', 'money']);
    await notes.update('b', { title: 'Budget 2025' });
    await notes.update('b', {});

    expect(await noteTags.labelsOf(manager, ['b'])).toEqual([['taxes', 'money']]);
    expect((await notes.findByIds(['b']))[0]).toEqual({ id: 'b', title: 'Budget 2025', folderId: 'work', writtenYear: 2025 });
  });
});

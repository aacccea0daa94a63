import type { AuthContext } from '@nlai/auth';
import {
  databaseOptions,
  IdempotencyKeyEntity,
  IdempotencyKeysMysql1764460800000,
  IdempotencyKeysSqlite1764460800000,
  openDatabase,
} from '@nlai/database';
import { checkText, type UserError } from '@nlai/errors';
import { createTestDatabase, testDialects, type TestDatabase } from '@nlai/testing';
import { EntitySchema, type DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { MutationPipeline } from '../src';

/** The record the test mutations write: a note with a unique title. */
interface Note {
  id: string;
  title: string;
}

const NoteSchema = new EntitySchema<Note>({
  name: 'Note',
  tableName: 'note',
  columns: { id: { type: 'varchar', length: 64, primary: true }, title: { type: 'varchar', length: 200 } },
});

class CreateNote1764374400000 implements MigrationInterface {
  name = 'CreateNote1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE note (id varchar(64) NOT NULL PRIMARY KEY, title varchar(200) NOT NULL, CONSTRAINT uq_note_title UNIQUE (title))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE note');
  }
}

const repositories = (manager: EntityManager) => ({ notes: manager.getRepository(NoteSchema) });
type Repositories = ReturnType<typeof repositories>;

interface NotePayload {
  note: Note | null;
  userErrors: UserError[];
}

const caller: AuthContext = { subject: 'writer-1', authenticated: true, scopes: new Set() };
const refused = (userErrors: UserError[]): NotePayload => ({ note: null, userErrors });

interface NoteInput {
  id: string;
  title: string;
  idempotencyKey?: string | null;
}

describe.each(testDialects())('the mutation pipeline on %s', (dialect) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let pipeline: MutationPipeline<Repositories>;
  /** How often each step ran, so a test can tell a replay or a skipped step from a rerun. */
  let runs: { check: number; validate: number; write: number };

  /** A local mutation that checks the title, refuses a taken one, and inserts the note. */
  const createNote = (input: NoteInput, fail?: (attempt: number) => void) =>
    pipeline.run(
      { operation: 'noteCreate', input, auth: caller },
      {
        refused,
        raceLost: { field: ['input', 'title'], code: 'TAKEN', message: 'A note with this title was created at the same time.' },
        validate: async ({ notes }, errors) => {
          runs.validate += 1;
          const title = checkText(errors, ['input', 'title'], input.title, 200, 'The title');
          if (title && (await notes.findOneBy({ title }))) errors.add(['input', 'title'], 'TAKEN', `"${title}" is taken.`);
          return title ? { id: input.id, title } : undefined;
        },
        write: async ({ notes }, note) => {
          runs.write += 1;
          await notes.insert(note);
          fail?.(runs.write);
          return { note, userErrors: [] };
        },
      },
    );

  /** A mutation whose title is checked "elsewhere" before the transaction, and whose id is checked in it. */
  const recordNote = (input: NoteInput, remoteTitles: string[]) =>
    pipeline.runWithRemoteChecks(
      { operation: 'noteRecord', input, auth: caller },
      {
        refused,
        check: async (errors) => {
          runs.check += 1;
          if (!remoteTitles.includes(input.title)) errors.add(['input', 'title'], 'NOT_FOUND', `No title "${input.title}" elsewhere.`);
          if (input.title === 'stop here') return undefined;
          return { id: input.id, title: input.title };
        },
        validate: async ({ notes }, errors, note) => {
          runs.validate += 1;
          if (await notes.findOneBy({ id: note.id })) errors.add(['input', 'id'], 'TAKEN', `Note ${note.id} exists.`);
        },
        write: async ({ notes }, note) => {
          runs.write += 1;
          await notes.insert(note);
          return { note, userErrors: [] };
        },
      },
    );

  const storedNotes = () => dataSource.getRepository(NoteSchema).find({ order: { id: 'ASC' } });

  beforeAll(async () => {
    database = await createTestDatabase(dialect, 'pipeline');
    ({ dataSource } = await openDatabase(
      databaseOptions({
        url: database.url,
        sqliteFile: database.sqliteFile,
        entities: [NoteSchema, IdempotencyKeyEntity],
        migrations: {
          sqlite: [CreateNote1764374400000, IdempotencyKeysSqlite1764460800000],
          mysql: [CreateNote1764374400000, IdempotencyKeysMysql1764460800000],
        },
      }),
    ));
    pipeline = new MutationPipeline(dataSource, repositories);
  });

  beforeEach(async () => {
    runs = { check: 0, validate: 0, write: 0 };
    await dataSource.getRepository(NoteSchema).clear();
    await dataSource.getRepository(IdempotencyKeyEntity).clear();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('writes a valid input and answers with the written record and no user errors', async () => {
    const payload = await createNote({ id: 'n1', title: ' Minutes ' });

    expect(payload).toEqual({ note: { id: 'n1', title: 'Minutes' }, userErrors: [] });
    expect(await storedNotes()).toEqual([{ id: 'n1', title: 'Minutes' }]);
  });

  it('returns every user error and writes nothing when the input has mistakes', async () => {
    await createNote({ id: 'n1', title: 'Minutes' });

    const payload = await createNote({ id: 'n2', title: 'Minutes' });

    expect(payload).toEqual({ note: null, userErrors: [{ field: ['input', 'title'], code: 'TAKEN', message: '"Minutes" is taken.' }] });
    expect(runs.write).toBe(1);
    expect(await storedNotes()).toEqual([{ id: 'n1', title: 'Minutes' }]);
  });

  it('rolls back a write that fails halfway, and keeps no idempotency key for it', async () => {
    const failFirst = (attempt: number) => {
      if (attempt === 1) throw new Error('disk full');
    };

    await expect(createNote({ id: 'n1', title: 'Minutes', idempotencyKey: 'key-1' }, failFirst)).rejects.toThrow('disk full');
    expect(await storedNotes()).toEqual([]);

    const retry = await createNote({ id: 'n1', title: 'Minutes', idempotencyKey: 'key-1' }, failFirst);
    expect(retry.note).toEqual({ id: 'n1', title: 'Minutes' });
    expect(await storedNotes()).toEqual([{ id: 'n1', title: 'Minutes' }]);
  });

  it('answers a retry with the same idempotency key with the first payload, writing nothing', async () => {
    const first = await createNote({ id: 'n1', title: 'Minutes', idempotencyKey: 'key-1' });
    const retry = await createNote({ id: 'n1', title: 'Minutes', idempotencyKey: 'key-1' });

    expect(retry).toEqual(first);
    expect(runs.write).toBe(1);
    expect(await storedNotes()).toHaveLength(1);
  });

  it('keeps no key for a refused input, so the corrected retry may use it', async () => {
    const refusedFirst = await createNote({ id: 'n1', title: '   ', idempotencyKey: 'key-1' });
    expect(refusedFirst.userErrors.map((error) => error.code)).toEqual(['BLANK']);

    const corrected = await createNote({ id: 'n1', title: 'Minutes', idempotencyKey: 'key-1' });

    expect(corrected).toEqual({ note: { id: 'n1', title: 'Minutes' }, userErrors: [] });
  });

  it('refuses a key used before for another input, as a user error on the key', async () => {
    await createNote({ id: 'n1', title: 'Minutes', idempotencyKey: 'key-1' });

    const payload = await createNote({ id: 'n2', title: 'Agenda', idempotencyKey: 'key-1' });

    expect(payload.note).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'INVALID' })]);
    expect(await storedNotes()).toHaveLength(1);
  });

  it('runs a write again when the database chose it as a deadlock victim, reporting its outcome once', async () => {
    const deadlockFirst = (attempt: number) => {
      if (attempt === 1) throw Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK' });
    };

    const payload = await createNote({ id: 'n1', title: 'Minutes', idempotencyKey: 'key-1' }, deadlockFirst);

    expect(payload).toEqual({ note: { id: 'n1', title: 'Minutes' }, userErrors: [] });
    expect(runs).toMatchObject({ validate: 2, write: 2 });
    expect(await storedNotes()).toEqual([{ id: 'n1', title: 'Minutes' }]);
  });

  it('turns a write that lost a race on a unique value into the TAKEN user error', async () => {
    await dataSource.getRepository(NoteSchema).insert({ id: 'rival', title: 'Minutes' });
    const input: NoteInput = { id: 'n1', title: 'Minutes' };
    const payload = await pipeline.run(
      { operation: 'noteCreate', input, auth: caller },
      {
        refused,
        raceLost: { field: ['input', 'title'], code: 'TAKEN', message: 'A note with this title was created at the same time.' },
        // As if the check had run before the rival's note landed: only the unique index sees it.
        validate: async () => ({ id: input.id, title: input.title }),
        write: async ({ notes }, note) => {
          await notes.insert(note);
          return { note, userErrors: [] };
        },
      },
    );

    expect(payload).toEqual(
      refused([{ field: ['input', 'title'], code: 'TAKEN', message: 'A note with this title was created at the same time.' }]),
    );
    expect(await storedNotes()).toEqual([{ id: 'rival', title: 'Minutes' }]);
  });

  it('reports the mistakes found before the transaction together with those found in it', async () => {
    await recordNote({ id: 'n1', title: 'Minutes' }, ['Minutes']);

    const payload = await recordNote({ id: 'n1', title: 'Unknown' }, ['Minutes']);

    expect(payload.userErrors.map((error) => [error.field.join('.'), error.code])).toEqual([
      ['input.title', 'NOT_FOUND'],
      ['input.id', 'TAKEN'],
    ]);
    expect(await storedNotes()).toEqual([{ id: 'n1', title: 'Minutes' }]);
  });

  it('opens no transaction when the checks before it leave nothing to check', async () => {
    const payload = await recordNote({ id: 'n1', title: 'stop here' }, []);

    expect(payload.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect(runs).toEqual({ check: 1, validate: 0, write: 0 });
  });

  it('answers a retry of a completed write before the checks elsewhere, so it succeeds while they would fail', async () => {
    const first = await recordNote({ id: 'n1', title: 'Minutes', idempotencyKey: 'key-2' }, ['Minutes']);

    // The other side no longer knows the title: only a replay can succeed.
    const retry = await recordNote({ id: 'n1', title: 'Minutes', idempotencyKey: 'key-2' }, []);

    expect(retry).toEqual(first);
    expect(retry.userErrors).toEqual([]);
    expect(runs).toEqual({ check: 1, validate: 1, write: 1 });
  });
});

// Jest's globals (beforeAll, afterAll, expect), not @jest/globals: that module throws when loaded outside Jest, and the bench loads this package.
import { createTestDatabase, type TestDatabase, type TestDialect } from './databases';
import { graphql, userErrorCodes, type GraphQLResult } from './graphql-client';

/**
 * Starts a subgraph on a fresh test database before the tests of a describe
 * block and stops it (and drops the database) after them. The accessor
 * throws when it did not start, so a failed start fails each test loudly.
 */
export function useSubgraph<Server extends { close(): Promise<unknown> }>(
  dialect: TestDialect,
  label: string,
  start: (database: TestDatabase) => Promise<Server>,
): () => Server {
  let database: TestDatabase | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(dialect, label);
    server = await start(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });
  return () => {
    if (!server) throw new Error(`the subgraph of "${label}" did not start`);
    return server;
  };
}

/** The SQL that would bring the database in line with the entities: none when the migrations alone built it right. */
export async function pendingSchemaChanges(dataSource: {
  driver: { createSchemaBuilder(): { log(): Promise<{ upQueries: Array<{ query: string }> }> } };
}): Promise<string[]> {
  return (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((query) => query.query);
}

/** The data of an answer that must have no errors. */
export async function answerOf<Data>(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string } = {},
): Promise<Data> {
  const result = await graphql<Data>(url, query, options);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/**
 * A mutation refused for its input: exactly these userErrors (`field:CODE`),
 * each with a message a person can act on, and nothing else in the payload.
 */
export function expectRefused(result: GraphQLResult<unknown>, expected: string[]): void {
  expect(userErrorCodes(result)).toEqual(expected);
  const payload = Object.values(result.data as Record<string, Record<string, unknown>>)[0]!;
  for (const [field, value] of Object.entries(payload)) {
    if (field === 'userErrors') for (const error of value as Array<{ message: string }>) expect(error.message.length).toBeGreaterThan(10);
    else expect(value).toBeNull();
  }
}

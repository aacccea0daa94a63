/** What {@link pendingSchemaChanges} needs of a TypeORM DataSource. */
interface SchemaSource {
  driver: { createSchemaBuilder(): { log(): Promise<{ upQueries: Array<{ query: string }> }> } };
}

/**
 * The SQL TypeORM would run to make the database match the entities: empty
 * when the migrations alone built exactly the schema the entities describe.
 */
export async function pendingSchemaChanges(dataSource: SchemaSource): Promise<string[]> {
  const pending = await dataSource.driver.createSchemaBuilder().log();
  return pending.upQueries.map((query) => query.query);
}

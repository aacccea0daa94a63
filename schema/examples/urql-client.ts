/**
 * A typed client for the saved operations, as a frontend writes it with urql:
 * each generated document (`LabPageDocument`) carries its result and
 * variables types, so `client.query` infers both; nothing is cast. `npm run
 * typecheck` compiles this file, so it cannot drift from the generated module.
 * Nothing runs on import: call the functions against a running gateway.
 */
import { createClient, fetchExchange, type Client } from '@urql/core';
import { LabPageDocument, type LabStatus } from '../generated/operations';

/** A client for the gateway on its development port (`npm start`). */
export function createGatewayClient(url = 'http://localhost:4000/graphql'): Client {
  return createClient({ url, exchanges: [fetchExchange] });
}

/** How many people the QUVA lab has trained; undefined when the figure is suppressed or the lab does not exist. */
export async function quvaLabTalentTotal(client: Client = createGatewayClient()): Promise<number | undefined> {
  const result = await client.query(LabPageDocument, { id: 'quva-lab' }).toPromise();
  if (result.error) throw result.error;
  return result.data?.lab?.talentStats?.total;
}

/** What the top of a lab's page shows; undefined when no lab has this id. */
export async function labHeading(
  id: string,
  client: Client = createGatewayClient(),
): Promise<{ name: string; status: LabStatus; city: string } | undefined> {
  const result = await client.query(LabPageDocument, { id }).toPromise();
  if (result.error) throw result.error;
  const lab = result.data?.lab;
  return lab ? { name: lab.name, status: lab.status, city: lab.location.city } : undefined;
}

/**
 * Never called: mistakes the generated types turn into compile errors. An
 * `@ts-expect-error` that no longer meets an error fails `npm run typecheck`,
 * so these lines prove the types stay strict.
 */
export async function rejectedByTheCompiler(client: Client): Promise<void> {
  // @ts-expect-error LabPage's $id is an ID!, generated as `string`: a number does not compile.
  await client.query(LabPageDocument, { id: 42 }).toPromise();

  const result = await client.query(LabPageDocument, { id: 'quva-lab' }).toPromise();
  // @ts-expect-error LabPage does not select `talent` (it needs talent:read; LabTalent asks for it).
  void result.data?.lab?.talent;
}

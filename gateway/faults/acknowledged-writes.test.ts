import { randomUUID } from 'node:crypto';
import { graphql, startGraph, testDialects, tokenWith, type TestGraph } from '@nlai/testing';
import { report } from './measure';

const writer = tokenWith('human-capital:write', 'talent:read');
const register = 'mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { id } userErrors { code } } }';

describe.each(testDialects())('every acknowledged write survives a killed subgraph (%s)', (dialect) => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ dialect });
  });
  afterAll(() => graph?.stop());

  it('writes continuously while Human Capital is killed (SIGKILL) and restarted, then finds every acknowledged write once', async () => {
    const count = async () =>
      (await graphql<{ talents: { totalCount: number } }>(graph.gateway.url, '{ talents(first: 0) { totalCount } }', { token: writer }))
        .data!.talents.totalCount;
    const before = await count();
    const acknowledged: string[] = [];
    let failedAttempts = 0;
    const writes = 60;

    const writing = (async () => {
      for (let index = 0; index < writes; index += 1) {
        const input = { labId: 'thira-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2024, idempotencyKey: randomUUID() };
        // A client retries with the same key until the write is acknowledged.
        for (;;) {
          const answer = await graphql<{ talentRegister: { talent: { id: string } | null } }>(graph.gateway.url, register, {
            token: writer,
            variables: { input },
          }).catch(() => undefined);
          const id = answer?.data?.talentRegister?.talent?.id;
          if (id) {
            acknowledged.push(id);
            break;
          }
          failedAttempts += 1;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    })();

    await new Promise((resolve) => setTimeout(resolve, 300));
    await graph.stopService('humanCapital', 'SIGKILL');
    const downAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await graph.startService('humanCapital');
    report(`${dialect}: Human Capital down for ${Date.now() - downAt} ms (SIGKILL to ready) while writing`);
    await writing;

    expect(acknowledged).toHaveLength(writes);
    expect(new Set(acknowledged).size).toBe(writes);
    expect(failedAttempts).toBeGreaterThan(0);
    expect(await count()).toBe(before + writes);
    for (const id of acknowledged) {
      const found = await graphql<{ talent: { id: string } | null }>(graph.gateway.url, 'query($id: ID!) { talent(id: $id) { id } }', {
        token: writer,
        variables: { id },
      });
      expect(found.data!.talent?.id).toBe(id);
    }
    report(`${dialect}: ${writes} writes acknowledged, ${failedAttempts} attempts failed during the outage, 0 lost, 0 doubled`);
  });
});

import { randomUUID } from 'node:crypto';
import { developmentSecret, signToken } from '@nlai/auth';
import { graphql, testDialects, tokenWith } from '@nlai/testing';
import { useGraph } from './graph-fixture';

const writer = tokenWith('research-innovation:write', 'human-capital:write', 'talent:read');

describe.each(testDialects())('idempotency keys on mutations (%s)', (dialect) => {
  const graph = useGraph(dialect);
  const send = <Data>(query: string, input: Record<string, unknown>) =>
    graphql<Data>(graph().gateway.url, query, { token: writer, variables: { input } });
  const labCount = async () =>
    (await graphql<{ labs: { totalCount: number } }>(graph().gateway.url, '{ labs(first: 0) { totalCount } }')).data!.labs.totalCount;
  const talentCount = async () =>
    (await graphql<{ talents: { totalCount: number } }>(graph().gateway.url, '{ talents(first: 0) { totalCount } }', { token: writer }))
      .data!.talents.totalCount;

  const labCreate = 'mutation($input: LabCreateInput!) { labCreate(input: $input) { lab { id name } userErrors { field code message } } }';
  const talentRegister =
    'mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { id startYear } userErrors { field code } } }';

  it('returns the first result for a repeated key and writes once', async () => {
    const input = { name: 'Idempotent lab', status: 'IN_DEVELOPMENT', city: 'Utrecht', themes: ['retries'], idempotencyKey: randomUUID() };
    const before = await labCount();
    const first = await send(labCreate, input);
    const second = await send(labCreate, input);
    expect(first.data).toEqual({ labCreate: { lab: { id: 'idempotent-lab', name: 'Idempotent lab' }, userErrors: [] } });
    expect(second.data).toEqual(first.data);
    expect(await labCount()).toBe(before + 1);
  });

  it('scopes a key to its caller: another caller’s same key neither replays nor blocks their own write', async () => {
    const otherWriter = signToken({
      secret: developmentSecret,
      subject: 'another-user',
      scopes: ['human-capital:write', 'talent:read'],
      expiresInSeconds: 600,
    });
    const idempotencyKey = randomUUID();
    const input = { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2023, idempotencyKey };
    const before = await talentCount();
    type Registered = { talentRegister: { talent: { id: string } | null; userErrors: unknown[] } };
    const asOther = (variables: Record<string, unknown>) =>
      graphql<Registered>(graph().gateway.url, talentRegister, { token: otherWriter, variables: { input: variables } });
    const mine = await send<Registered>(talentRegister, input);
    const theirs = await asOther(input);
    expect(mine.data!.talentRegister.userErrors).toEqual([]);
    expect(theirs.data!.talentRegister.userErrors).toEqual([]);
    expect(theirs.data!.talentRegister.talent!.id).not.toBe(mine.data!.talentRegister.talent!.id);

    const secondKey = randomUUID();
    expect((await asOther({ ...input, startYear: 2021, idempotencyKey: secondKey })).data!.talentRegister.userErrors).toEqual([]);
    expect(
      (await send<Registered>(talentRegister, { ...input, startYear: 2020, idempotencyKey: secondKey })).data!.talentRegister.userErrors,
    ).toEqual([]);
    expect(await talentCount()).toBe(before + 4);
  });

  it('writes once for ten concurrent requests with the same key', async () => {
    const input = { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2024, idempotencyKey: randomUUID() };
    const before = await talentCount();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => send<{ talentRegister: { talent: { id: string } } }>(talentRegister, input)),
    );
    const ids = new Set(answers.map((answer) => answer.data?.talentRegister.talent.id));
    expect([...ids]).toHaveLength(1);
    expect(await talentCount()).toBe(before + 1);
  });

  it('refuses a key reused for another input, writing nothing', async () => {
    const idempotencyKey = randomUUID();
    await send(labCreate, { name: 'Keyed lab', status: 'IN_DEVELOPMENT', city: 'Delft', themes: ['keys'], idempotencyKey });
    const before = await labCount();
    const reused = await send<{ labCreate: { lab: unknown; userErrors: Array<{ field: string[]; code: string }> } }>(labCreate, {
      name: 'Another keyed lab',
      status: 'IN_DEVELOPMENT',
      city: 'Delft',
      themes: ['keys'],
      idempotencyKey,
    });
    expect(reused.data!.labCreate).toMatchObject({ lab: null, userErrors: [{ field: ['input', 'idempotencyKey'], code: 'INVALID' }] });
    expect(await labCount()).toBe(before);
  });

  it('keeps no key for a write refused with user errors, so the corrected retry may use it', async () => {
    const idempotencyKey = randomUUID();
    const wrong = await send<{ labCreate: { userErrors: unknown[] } }>(labCreate, {
      name: 'Corrected lab',
      status: 'IN_DEVELOPMENT',
      city: 'Atlantis',
      themes: ['x'],
      idempotencyKey,
    });
    expect(wrong.data!.labCreate.userErrors).toHaveLength(1);
    const corrected = await send<{ labCreate: { lab: { name: string } } }>(labCreate, {
      name: 'Corrected lab',
      status: 'IN_DEVELOPMENT',
      city: 'Tilburg',
      themes: ['x'],
      idempotencyKey,
    });
    expect(corrected.data!.labCreate.lab.name).toBe('Corrected lab');
  });

  it('refuses a malformed key', async () => {
    const result = await send<{ labCreate: { userErrors: Array<{ field: string[]; code: string }> } }>(labCreate, {
      name: 'Badly keyed lab',
      status: 'IN_DEVELOPMENT',
      city: 'Delft',
      themes: ['x'],
      idempotencyKey: 'has spaces and is fine otherwise',
    });
    expect(result.data!.labCreate.userErrors).toMatchObject([{ field: ['input', 'idempotencyKey'], code: 'INVALID' }]);
  });

  it('replays a completed registration even while its lab cannot be checked', async () => {
    const input = { labId: 'delta-lab', stage: 'PHD_CANDIDATE', origin: 'INTERNATIONAL', startYear: 2025, idempotencyKey: randomUUID() };
    const first = await send<{ talentRegister: { talent: { id: string } } }>(talentRegister, input);
    await graph().stopService('researchInnovation');
    try {
      const retry = await send<{ talentRegister: { talent: { id: string } } }>(talentRegister, input);
      expect(retry.errors).toBeUndefined();
      expect(retry.data!.talentRegister.talent.id).toBe(first.data!.talentRegister.talent.id);
    } finally {
      await graph().startService('researchInnovation');
    }
  });
});

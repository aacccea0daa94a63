import { randomUUID } from 'node:crypto';
import { developmentSecret, signToken } from '@nlai/auth';
import { graphql, testDialects, tokenWith, userErrorCodes } from '@nlai/testing';
import { useResearchInnovation } from './start';

const writer = tokenWith('research-innovation:write');
const otherWriter = signToken({
  secret: developmentSecret,
  subject: 'another-user',
  scopes: ['research-innovation:write'],
  expiresInSeconds: 600,
});

/** Each mutation with a valid input made fresh per call (`n` keeps names apart), and a variant that is another write. */
const mutations: Array<[string, string, (n: string) => Record<string, unknown>]> = [
  [
    'labCreate',
    'mutation($input: LabCreateInput!) { labCreate(input: $input) { lab { id name } userErrors { field code } } }',
    (n) => ({ name: `Keyed lab ${n}`, status: 'IN_DEVELOPMENT', city: 'Utrecht', themes: ['retries'] }),
  ],
  [
    'labUpdate',
    'mutation($input: LabUpdateInput!) { labUpdate(input: $input) { lab { id themes } userErrors { field code } } }',
    (n) => ({ id: 'civic-ai-lab', themes: [`theme ${n}`] }),
  ],
  [
    'organisationCreate',
    'mutation($input: OrganisationCreateInput!) { organisationCreate(input: $input) { organisation { id } userErrors { field code } } }',
    (n) => ({ name: `Keyed company ${n}`, kind: 'COMPANY' }),
  ],
  [
    'partnershipCreate',
    'mutation($input: PartnershipCreateInput!) { partnershipCreate(input: $input) { partnership { id } userErrors { field code } } }',
    (n) => ({ labId: 'thira-lab', organisationId: 'ing', role: 'EXTERNAL_PARTNER', startYear: 2000 + (Number(n) % 20) }),
  ],
];

describe.each(testDialects())('idempotency keys on the Research & Innovation mutations (%s)', (dialect) => {
  const server = useResearchInnovation(dialect, 'ri-idempotency');
  const send = <Data>(query: string, input: Record<string, unknown>, token = writer) =>
    graphql<Data>(server().url, query, { token, variables: { input } });
  /** A fingerprint of every table a write may touch. */
  const rows = async () => {
    const tables = ['lab', 'lab_theme', 'organisation', 'partnership', 'idempotency_key'];
    const counts = await Promise.all(
      tables.map(async (table) => Number((await server().dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n)),
    );
    const [themes] = await server().dataSource.query("SELECT COUNT(*) AS n FROM lab_theme WHERE lab_id = 'civic-ai-lab'");
    return [...counts, Number(themes.n)];
  };
  let written = 0;
  /** A new number per input, so that two inputs of one test never coincide. */
  const unique = () => String((written += 1));
  /** Ends every current ING partnership of thira-lab, so the next partnershipCreate is valid. */
  const freePartnership = () =>
    server().dataSource.query("UPDATE partnership SET end_year = 2024 WHERE lab_id = 'thira-lab' AND organisation_id = 'ing'");

  describe.each(mutations)('%s', (_name, query, inputOf) => {
    beforeEach(freePartnership);

    it('returns the first payload for a repeated key and writes once', async () => {
      const input = { ...inputOf(unique()), idempotencyKey: randomUUID() };
      const first = await send(query, input);
      expect(userErrorCodes(first)).toEqual([]);
      const after = await rows();
      await freePartnership();
      const second = await send(query, input);
      expect(second.data).toEqual(first.data);
      expect(await rows()).toEqual(after);
    });

    it('refuses the key with another input or for another mutation, writing nothing', async () => {
      const idempotencyKey = randomUUID();
      expect(userErrorCodes(await send(query, { ...inputOf(unique()), idempotencyKey }))).toEqual([]);
      await freePartnership();
      const before = await rows();
      expect(userErrorCodes(await send(query, { ...inputOf(unique()), idempotencyKey }))).toEqual(['input.idempotencyKey:INVALID']);
      const [, otherQuery, otherInput] = mutations.find(([name]) => name !== _name)!;
      expect(userErrorCodes(await send(otherQuery, { ...otherInput(unique()), idempotencyKey }))).toEqual(['input.idempotencyKey:INVALID']);
      expect(await rows()).toEqual(before);
    });

    it('keeps a key per caller: another caller’s same key runs their own write', async () => {
      const idempotencyKey = randomUUID();
      expect(userErrorCodes(await send(query, { ...inputOf(unique()), idempotencyKey }))).toEqual([]);
      await freePartnership();
      expect(userErrorCodes(await send(query, { ...inputOf(unique()), idempotencyKey }, otherWriter))).toEqual([]);
    });
  });

  it.each(['has spaces', '', 'k'.repeat(101), 'ünïcode'])('refuses the malformed key %j before writing', async (idempotencyKey) => {
    const before = await rows();
    const [, query, inputOf] = mutations[0]!;
    const result = await send(query, { ...inputOf(unique()), idempotencyKey });
    // An empty key is no key: the write simply runs.
    if (idempotencyKey === '') expect(userErrorCodes(result)).toEqual([]);
    else {
      expect(userErrorCodes(result)).toEqual(['input.idempotencyKey:INVALID']);
      expect(await rows()).toEqual(before);
    }
  });

  it('keeps no key for a write refused with user errors, so the corrected retry may use it', async () => {
    const idempotencyKey = randomUUID();
    const before = await rows();
    const wrong = await send(mutations[0]![1], {
      name: 'Corrected lab',
      status: 'IN_DEVELOPMENT',
      city: 'Atlantis',
      themes: ['x'],
      idempotencyKey,
    });
    expect(userErrorCodes(wrong)).toEqual(['input.city:NOT_FOUND']);
    expect(await rows()).toEqual(before);
    const corrected = await send<{ labCreate: { lab: { name: string } } }>(mutations[0]![1], {
      name: 'Corrected lab',
      status: 'IN_DEVELOPMENT',
      city: 'Tilburg',
      themes: ['x'],
      idempotencyKey,
    });
    expect(userErrorCodes(corrected)).toEqual([]);
    expect(corrected.data!.labCreate.lab.name).toBe('Corrected lab');
  });

  it('writes once for ten concurrent requests with the same key, all answered with the same lab', async () => {
    const [, query, inputOf] = mutations[0]!;
    const input = { ...inputOf(unique()), idempotencyKey: randomUUID() };
    const before = await rows();
    const answers = await Promise.all(Array.from({ length: 10 }, () => send<{ labCreate: { lab: { id: string } } }>(query, input)));
    expect(new Set(answers.map((answer) => answer.data?.labCreate.lab.id)).size).toBe(1);
    const after = await rows();
    expect(after[0]).toBe(before[0]! + 1);
  });

  it('replays partnershipEnd: the retry gets the first answer, not "already ended"', async () => {
    await freePartnership();
    const created = await send<{ partnershipCreate: { partnership: { id: string } } }>(mutations[3]![1], mutations[3]![2](unique()));
    const id = created.data!.partnershipCreate.partnership.id;
    const end =
      'mutation($input: PartnershipEndInput!) { partnershipEnd(input: $input) { partnership { id endYear } userErrors { field code } } }';
    const input = { id, endYear: 2024, idempotencyKey: randomUUID() };
    const first = await send(end, input);
    expect(userErrorCodes(first)).toEqual([]);
    expect((await send(end, input)).data).toEqual(first.data);
    expect(userErrorCodes(await send(end, { ...input, idempotencyKey: randomUUID() }))).toEqual(['input.id:INVALID']);
    expect(userErrorCodes(await send(end, { ...input, endYear: 2023 }))).toEqual(['input.idempotencyKey:INVALID']);
  });
});

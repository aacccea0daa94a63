import { randomUUID } from 'node:crypto';
import { developmentSecret, signToken } from '@nlai/auth';
import { graphql, testDialects, tokenWith, userErrorCodes } from '@nlai/testing';
import { nowhere, startHumanCapital, useSubgraphs } from './start';

const writer = tokenWith('human-capital:write', 'talent:read');
const otherWriter = signToken({
  secret: developmentSecret,
  subject: 'another-user',
  scopes: ['human-capital:write'],
  expiresInSeconds: 600,
});

const talentRegister =
  'mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { id startYear } userErrors { field code } } }';
const talentUpdate =
  'mutation($input: TalentUpdateInput!) { talentUpdate(input: $input) { change { id stage endYear } userErrors { field code } } }';
const placementRecord =
  'mutation($input: PlacementRecordInput!) { placementRecord(input: $input) { placement { id } userErrors { field code } } }';

describe.each(testDialects())('idempotency keys on the Human Capital mutations (%s)', (dialect) => {
  const subgraphs = useSubgraphs(dialect, 'hc-idempotency');
  const send = <Data>(query: string, input: Record<string, unknown>, token = writer, url = subgraphs().humanCapital.url) =>
    graphql<Data>(url, query, { token, variables: { input } });
  const rows = async () =>
    Promise.all(
      ['SELECT id, stage, end_year FROM talent ORDER BY id', 'SELECT id FROM placement ORDER BY id'].map((sql) =>
        subgraphs().humanCapital.dataSource.query(sql),
      ),
    );
  let registered = 0;
  /** A fresh valid registration: each one another write. */
  const registration = () => ({
    labId: 'quva-lab',
    stage: 'PHD_CANDIDATE',
    origin: 'DOMESTIC',
    startYear: 2016 + ((registered += 1) % 10),
  });
  const person = async () =>
    (await send<{ talentRegister: { talent: { id: string } } }>(talentRegister, registration())).data!.talentRegister.talent.id;

  /** Each mutation with a maker of valid inputs; two calls make two different writes. */
  const cases: Array<[string, string, () => Promise<Record<string, unknown>>]> = [
    ['talentRegister', talentRegister, async () => registration()],
    ['talentUpdate', talentUpdate, async () => ({ id: await person(), stage: 'GRADUATED', endYear: 2025 })],
    ['placementRecord', placementRecord, async () => ({ talentId: await person(), organisationId: 'ing', country: 'NL', startYear: 2025 })],
  ];

  describe.each(cases)('%s', (name, query, inputOf) => {
    it('returns the first payload for a repeated key and writes once', async () => {
      const input = { ...(await inputOf()), idempotencyKey: randomUUID() };
      const first = await send(query, input);
      expect(userErrorCodes(first)).toEqual([]);
      const after = await rows();
      expect((await send(query, input)).data).toEqual(first.data);
      expect(await rows()).toEqual(after);
    });

    it('refuses the key with another input or for another mutation, writing nothing', async () => {
      const idempotencyKey = randomUUID();
      expect(userErrorCodes(await send(query, { ...(await inputOf()), idempotencyKey }))).toEqual([]);
      const other = await inputOf();
      const [, otherQuery, otherInputOf] = cases.find(([candidate]) => candidate !== name)!;
      const otherMutation = await otherInputOf();
      const before = await rows();
      expect(userErrorCodes(await send(query, { ...other, idempotencyKey }))).toEqual(['input.idempotencyKey:INVALID']);
      expect(userErrorCodes(await send(otherQuery, { ...otherMutation, idempotencyKey }))).toEqual(['input.idempotencyKey:INVALID']);
      expect(await rows()).toEqual(before);
    });

    it('keeps a key per caller: another caller’s same key runs their own write', async () => {
      const idempotencyKey = randomUUID();
      expect(userErrorCodes(await send(query, { ...(await inputOf()), idempotencyKey }))).toEqual([]);
      expect(userErrorCodes(await send(query, { ...(await inputOf()), idempotencyKey }, otherWriter))).toEqual([]);
    });

    it('refuses a malformed key, writing nothing', async () => {
      const input = await inputOf();
      const before = await rows();
      expect(userErrorCodes(await send(query, { ...input, idempotencyKey: 'has spaces' }))).toEqual(['input.idempotencyKey:INVALID']);
      expect(await rows()).toEqual(before);
    });
  });

  it('keeps no key for a registration refused with user errors, so the corrected retry may use it', async () => {
    const idempotencyKey = randomUUID();
    expect(userErrorCodes(await send(talentRegister, { ...registration(), labId: 'no-such-lab', idempotencyKey }))).toEqual([
      'input.labId:NOT_FOUND',
    ]);
    expect(userErrorCodes(await send(talentRegister, { ...registration(), idempotencyKey }))).toEqual([]);
  });

  it('keeps no key for an update refused with user errors', async () => {
    const id = await person();
    const idempotencyKey = randomUUID();
    expect(userErrorCodes(await send(talentUpdate, { id, stage: 'GRADUATED', idempotencyKey }))).toEqual(['input.endYear:INVALID']);
    expect(userErrorCodes(await send(talentUpdate, { id, stage: 'GRADUATED', endYear: 2025, idempotencyKey }))).toEqual([]);
  });

  it('writes once for ten concurrent registrations with the same key', async () => {
    const input = { ...registration(), idempotencyKey: randomUUID() };
    const [before] = await rows();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => send<{ talentRegister: { talent: { id: string } } }>(talentRegister, input)),
    );
    expect(new Set(answers.map((answer) => answer.data?.talentRegister.talent.id)).size).toBe(1);
    const [after] = await rows();
    expect(after).toHaveLength(before!.length + 1);
  });

  it('replays a completed registration and placement even while the labs and organisations cannot be checked', async () => {
    const registrationInput = { ...registration(), idempotencyKey: randomUUID() };
    const first = await send(talentRegister, registrationInput);
    const placementInput = {
      talentId: await person(),
      organisationId: 'ing',
      country: 'NL',
      startYear: 2025,
      idempotencyKey: randomUUID(),
    };
    const placed = await send(placementRecord, placementInput);
    const cutOff = await startHumanCapital(subgraphs().database, nowhere);
    try {
      const retries = [
        await send(talentRegister, registrationInput, writer, cutOff.url),
        await send(placementRecord, placementInput, writer, cutOff.url),
      ];
      expect(retries.map((retry) => retry.errors)).toEqual([undefined, undefined]);
      expect(retries.map((retry) => retry.data)).toEqual([first.data, placed.data]);
      // A new write still needs the check.
      const fresh = await send(talentRegister, registration(), writer, cutOff.url);
      expect(fresh.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    } finally {
      await cutOff.close();
    }
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { developmentSecret, signToken } from '@nlai/auth';
import { graphql, testDialects, tokenWith } from '@nlai/testing';
import { useGraph } from './graph-fixture';

const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.map((error) => error.extensions?.code);

describe.each(testDialects())('who may read and write what (%s)', (dialect) => {
  const graph = useGraph(dialect);
  const query = (text: string, token?: string) => graphql(graph().gateway.url, text, { token });

  describe('person-level data needs talent:read', () => {
    it.each([
      ['talents', '{ talents(first: 1) { totalCount } }'],
      ['talent', '{ talent(id: "t-anything") { id } }'],
    ])('refuses %s without a token: UNAUTHENTICATED and no data', async (_name, text) => {
      const result = await query(text);
      expect(codes(result)).toEqual(['UNAUTHENTICATED']);
      expect(result.data).toEqual(text.includes('talents') ? { talents: null } : { talent: null });
    });

    it('refuses talents to a token without talent:read: FORBIDDEN and no data', async () => {
      const result = await query('{ talents(first: 1) { totalCount } }', tokenWith('human-capital:write'));
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.data).toEqual({ talents: null });
    });

    it('leaves Lab.talent null with FORBIDDEN while the public lab data still arrives', async () => {
      const result = await query(
        '{ lab(id: "quva-lab") { name talentStats { total } talent(first: 1) { totalCount } } }',
        tokenWith('research-innovation:write'),
      );
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.errors![0]!.path).toEqual(['lab', 'talent']);
      expect(result.data).toEqual({ lab: { name: 'QUVA Lab', talentStats: { total: expect.any(Number) }, talent: null } });
    });

    it('leaves Organisation.placements null with UNAUTHENTICATED for an anonymous caller', async () => {
      const result = await query('{ organisation(id: "qualcomm") { name placements { id } } }');
      expect(codes(result)).toEqual(['UNAUTHENTICATED']);
      expect(result.data).toEqual({ organisation: { name: 'Qualcomm', placements: null } });
    });

    it('lets a talent:read token read people, their labs and placements', async () => {
      const result = await query(
        '{ talents(first: 3) { totalCount edges { node { id stage lab { name } placements { country } } } } }',
        tokenWith('talent:read'),
      );
      expect(result.errors).toBeUndefined();
      expect((result.data as { talents: { edges: unknown[] } }).talents.edges).toHaveLength(3);
    });
  });

  describe('a bad token is refused outright', () => {
    const publicQuery = '{ labs(first: 1) { totalCount } }';
    const expired = signToken({ secret: developmentSecret, scopes: ['talent:read'], expiresInSeconds: -60 });
    const wrongKey = signToken({ secret: 'another-key-that-is-long-enough-for-hs256!', scopes: ['talent:read'] });
    const [header, , signature] = tokenWith('talent:read').split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ scope: 'talent:read research-innovation:write', exp: 4102444800 })).toString('base64url')}.${signature}`;
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ scope: 'talent:read', exp: 4102444800 })}.`;

    it.each([
      ['garbage', 'not-a-token'],
      ['expired', expired],
      ['signed with another key', wrongKey],
      ['tampered with', tampered],
      ['unsigned (alg none)', unsigned],
    ])('refuses a token %s with 401 UNAUTHENTICATED and no data, even for public fields', async (_name, token) => {
      const result = await query(publicQuery, token);
      expect(result.status).toBe(401);
      expect(codes(result)).toEqual(['UNAUTHENTICATED']);
      expect(result.data ?? null).toBeNull();
    });
  });

  describe('a writer sees what it wrote, with the write scope alone', () => {
    const writerOnly = tokenWith('human-capital:write');
    const reader = tokenWith('talent:read');
    const registerTalent = readFileSync(resolve(__dirname, '../../schema/operations/register-talent.graphql'), 'utf8');
    const mutate = (text: string, variables: Record<string, unknown>) =>
      graphql<Record<string, Record<string, unknown>>>(graph().gateway.url, text, { token: writerOnly, variables });

    it('talentRegister (the saved RegisterTalent): the new person’s id and what was sent, no error', async () => {
      const result = await mutate(registerTalent, {
        input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'INTERNATIONAL', startYear: 2024 },
      });
      expect(result.errors).toBeUndefined();
      const talent = result.data!.talentRegister!.talent as { id: string };
      expect(talent).toEqual({
        id: expect.stringMatching(/^t-/),
        stage: 'PHD_CANDIDATE',
        startYear: 2024,
        lab: { id: 'quva-lab', name: 'QUVA Lab' },
      });
      const stored = await graphql<{ talent: unknown }>(
        graph().gateway.url,
        'query($id: ID!) { talent(id: $id) { id stage origin startYear } }',
        { token: reader, variables: { id: talent.id } },
      );
      expect(stored.data!.talent).toEqual({ id: talent.id, stage: 'PHD_CANDIDATE', origin: 'INTERNATIONAL', startYear: 2024 });
    });

    it('talentUpdate and placementRecord: the changed person and the new placement', async () => {
      const registered = await mutate('mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { id } } }', {
        input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2019 },
      });
      const id = (registered.data!.talentRegister!.talent as { id: string }).id;
      const talentUpdate =
        'mutation($input: TalentUpdateInput!) { talentUpdate(input: $input) { change { id stage endYear } userErrors { code } } }';
      const updated = await mutate(talentUpdate, { input: { id, stage: 'GRADUATED', endYear: 2023 } });
      expect(updated.errors).toBeUndefined();
      expect(updated.data).toEqual({ talentUpdate: { change: { id, stage: 'GRADUATED', endYear: 2023 }, userErrors: [] } });
      const endYearOnly = await mutate(talentUpdate, { input: { id, endYear: 2024 } });
      expect(endYearOnly.data).toEqual({ talentUpdate: { change: { id, stage: null, endYear: 2024 }, userErrors: [] } });
      const placed = await mutate(
        'mutation($input: PlacementRecordInput!) { placementRecord(input: $input) { placement { id country sector startYear organisation { id } } userErrors { code } } }',
        {
          input: { talentId: id, organisationId: 'uva', country: 'NL', sector: 'research and education', startYear: 2023 },
        },
      );
      expect(placed.errors).toBeUndefined();
      expect(placed.data!.placementRecord).toEqual({
        placement: {
          id: expect.any(String),
          country: 'NL',
          sector: 'research and education',
          startYear: 2023,
          organisation: { id: 'uva' },
        },
        userErrors: [],
      });
    });

    it('reaches no other person through what it wrote: Talent.lab -> Lab.talent, Talent.placements, Placement.talent and talentUpdate’s talent stay FORBIDDEN', async () => {
      const result = await mutate(
        'mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { id lab { name talent(first: 5) { totalCount edges { node { id } } } } } } }',
        {
          input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2024 },
        },
      );
      expect(result.data!.talentRegister!.talent).toEqual({ id: expect.any(String), lab: { name: 'QUVA Lab', talent: null } });
      expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
        [['talentRegister', 'talent', 'lab', 'talent'], 'FORBIDDEN'],
      ]);

      const people = await graphql<{ talents: { edges: Array<{ node: { id: string; startYear: number; placements: unknown[] } }> } }>(
        graph().gateway.url,
        '{ talents(first: 50) { edges { node { id startYear placements { id } } } } }',
        { token: reader },
      );
      const placedBefore = people.data!.talents.edges.find(({ node }) => node.placements.length > 0)!.node;
      const registeredWith = await mutate(
        'mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { id placements { id } } } }',
        {
          input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2024 },
        },
      );
      expect(registeredWith.data!.talentRegister!.talent).toBeNull();
      expect(registeredWith.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
        [['talentRegister', 'talent', 'placements'], 'FORBIDDEN'],
      ]);

      // Someone else's record: an update that sends nothing is refused and shows nothing.
      const someone = people.data!.talents.edges.find(({ node }) => node.id !== placedBefore.id)!.node;
      const look = await mutate(
        'mutation($input: TalentUpdateInput!) { talentUpdate(input: $input) { change { id stage endYear } talent { id stage origin startYear endYear lab { id } } userErrors { field code } } }',
        { input: { id: someone.id } },
      );
      expect(look.data!.talentUpdate).toEqual({ change: null, talent: null, userErrors: [{ field: ['input'], code: 'INVALID' }] });

      // A real update shows what it wrote, not the person.
      const updated = await mutate(
        'mutation($input: TalentUpdateInput!) { talentUpdate(input: $input) { change { id stage endYear } talent { id stage origin startYear endYear placements { id } } userErrors { code } } }',
        { input: { id: placedBefore.id, stage: 'LEFT', endYear: 2025 } },
      );
      expect(updated.data!.talentUpdate).toEqual({
        change: { id: placedBefore.id, stage: 'LEFT', endYear: 2025 },
        talent: null,
        userErrors: [],
      });
      expect(updated.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['talentUpdate', 'talent'], 'FORBIDDEN']]);

      const placed = await mutate(
        'mutation($input: PlacementRecordInput!) { placementRecord(input: $input) { placement { id talent { id stage } } } }',
        {
          input: { talentId: placedBefore.id, organisationId: 'uva', country: 'NL', startYear: placedBefore.startYear + 1 },
        },
      );
      expect(placed.data!.placementRecord!.placement).toBeNull();
      expect(placed.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
        [['placementRecord', 'placement', 'talent'], 'FORBIDDEN'],
      ]);
    });
  });
});

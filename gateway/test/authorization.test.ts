import { developmentSecret, signToken } from '@nlai/auth';
import { graphql, testDialects, tokenWith } from '@nlai/testing';
import { useGraph } from './graph-fixture';

const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => result.errors?.map((error) => error.extensions?.code);

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
      const result = await query('{ lab(id: "quva-lab") { name talentStats { total } talent(first: 1) { totalCount } } }', tokenWith('research-innovation:write'));
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
      const result = await query('{ talents(first: 3) { totalCount edges { node { id stage lab { name } placements { country } } } } }', tokenWith('talent:read'));
      expect(result.errors).toBeUndefined();
      expect((result.data as { talents: { edges: unknown[] } }).talents.edges).toHaveLength(3);
    });

    it('enforces the scope in the subgraph itself, entity resolution included', async () => {
      const direct = await graphql(
        graph().humanCapital.url,
        'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Lab { talent { totalCount } } } }',
        { variables: { representations: [{ __typename: 'Lab', id: 'quva-lab' }] } },
      );
      expect(codes(direct)).toEqual(['UNAUTHENTICATED']);
      expect(direct.data).toEqual({ _entities: [{ talent: null }] });
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

  describe('writes need the owning subgraph’s write scope', () => {
    const create = `mutation { labCreate(input: { name: "Unauthorised lab", status: IN_DEVELOPMENT, city: "Delft", themes: ["x"] }) { lab { id } userErrors { message } } }`;
    const register = `mutation { talentRegister(input: { labId: "quva-lab", stage: PHD_CANDIDATE, origin: DOMESTIC, startYear: 2022 }) { talent { id } userErrors { message } } }`;

    it.each([
      ['labCreate anonymously', create, undefined, 'UNAUTHENTICATED'],
      ['labCreate with the other subgraph’s write scope', create, tokenWith('human-capital:write', 'talent:read'), 'FORBIDDEN'],
      ['talentRegister anonymously', register, undefined, 'UNAUTHENTICATED'],
      ['talentRegister with the other subgraph’s write scope', register, tokenWith('research-innovation:write'), 'FORBIDDEN'],
    ])('refuses %s, writing nothing', async (_name, mutation, token, code) => {
      const before = await query('{ labs(first: 0) { totalCount } talentStats { total } }');
      const result = await query(mutation, token);
      expect(codes(result)).toEqual([code]);
      expect(result.data).toEqual(mutation.includes('labCreate') ? { labCreate: null } : { talentRegister: null });
      expect(await query('{ labs(first: 0) { totalCount } talentStats { total } }')).toMatchObject({ data: before.data });
    });
  });
});

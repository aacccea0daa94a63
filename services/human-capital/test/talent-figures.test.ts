import { graphql, testDialects, tokenWith, userErrorCodes } from '@nlai/testing';
import { possibleTrueCounts } from '../src/services/cell-key';
import { useSubgraphs } from './start';

const reader = tokenWith('talent:read');
const stats = `total phdCandidates graduated retainedInNetherlands international internationalShare
  placementsBySector { sector placements } placementsByOrganisationKind { kind placements } release { id }`;

type Person = {
  id: string;
  stage: string;
  origin: string;
  lab: { id: string };
  placements: Array<{ id: string; country: string; sector: string | null; startYear: number; organisation: { id: string } }>;
};
type Stats = {
  total: number;
  phdCandidates: number;
  graduated: number;
  retainedInNetherlands: number;
  international: number;
  internationalShare: number | null;
  placementsBySector: Array<{ sector: string; placements: number }>;
  placementsByOrganisationKind: Array<{ kind: string; placements: number }>;
  release: { id: string } | null;
};
type Hires = Array<{ organisation: { id: string }; graduates: number }>;

describe.each(testDialects())('talent figures and partner hires (%s)', (dialect) => {
  const subgraphs = useSubgraphs(dialect, 'hc-figures');
  const url = () => subgraphs().humanCapital.url;
  let people: Person[] = [];
  let kindOf = new Map<string, string>();

  const readEveryone = async () => {
    const found: Person[] = [];
    let after: string | null = null;
    do {
      const result: Awaited<
        ReturnType<typeof graphql<{ talents: { edges: Array<{ node: Person }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }>>
      > = await graphql(
        url(),
        'query($after: String) { talents(first: 100, after: $after) { edges { node { id stage origin lab { id } placements { id country sector startYear organisation { id } } } } pageInfo { hasNextPage endCursor } } }',
        { token: reader, variables: { after } },
      );
      found.push(...result.data!.talents.edges.map((edge) => edge.node));
      after = result.data!.talents.pageInfo.hasNextPage ? result.data!.talents.pageInfo.endCursor : null;
    } while (after);
    return found;
  };
  beforeAll(async () => {
    people = await readEveryone();
    const kinds: Array<{ id: string; organisation_kind: string | null }> = await subgraphs().humanCapital.dataSource.query(
      'SELECT id, organisation_kind FROM placement',
    );
    kindOf = new Map(kinds.map((row) => [row.id, row.organisation_kind ?? 'UNKNOWN']));
  });

  /** The figures worked out the slow way, from the person-level records; cells of equal count sorted by name. */
  const expectedStats = (of: Person[]): Stats => {
    const tally = (keys: string[]) => {
      const counts = new Map<string, number>();
      for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
      return [...counts.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    };
    const placements = of.flatMap((person) => person.placements);
    const graduates = of.filter((person) => person.stage === 'GRADUATED');
    // A graduate's country is that of their latest placement: latest start, then highest id.
    const latestCountry = (person: Person) =>
      [...person.placements].sort((a, b) => b.startYear - a.startYear || (a.id < b.id ? 1 : -1))[0]?.country;
    const international = of.filter((person) => person.origin === 'INTERNATIONAL').length;
    return {
      total: of.length,
      phdCandidates: of.filter((person) => person.stage === 'PHD_CANDIDATE').length,
      graduated: graduates.length,
      retainedInNetherlands: graduates.filter((person) => latestCountry(person) === 'NL').length,
      international,
      internationalShare: of.length ? international / of.length : null,
      placementsBySector: tally(placements.map((placement) => placement.sector ?? 'unknown')).map(([sector, count]) => ({
        sector,
        placements: count,
      })),
      placementsByOrganisationKind: tally(placements.map((placement) => kindOf.get(placement.id)!)).map(([kind, count]) => ({
        kind,
        placements: count,
      })),
      release: null,
    };
  };
  /** Published figures compare with the truth: never 1 to 4, and a value the true count can be published as. */
  const consistent = (shown: Stats, truth: Stats) => {
    const checks: Array<[string, number, number]> = [
      ['total', shown.total, truth.total],
      ['phdCandidates', shown.phdCandidates, truth.phdCandidates],
      ['graduated', shown.graduated, truth.graduated],
      ['retainedInNetherlands', shown.retainedInNetherlands, truth.retainedInNetherlands],
      ['international', shown.international, truth.international],
      ...shown.placementsBySector.map((cell): [string, number, number] => [
        cell.sector,
        cell.placements,
        truth.placementsBySector.find((row) => row.sector === cell.sector)?.placements ?? 0,
      ]),
    ];
    return checks
      .filter(([, value, count]) => (value >= 1 && value < 5) || !possibleTrueCounts(value).includes(count))
      .map(([name]) => name);
  };
  const labStats = (labIds: string[], token?: string) =>
    graphql<{ _entities: Array<{ id: string; talentStats: Stats }> }>(
      url(),
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Lab { id talentStats { ${stats} } } } }`,
      { token, variables: { r: labIds.map((id) => ({ __typename: 'Lab', id })) } },
    );

  it('gives the network’s figures exactly and live with talent:read, as the person-level records add up', async () => {
    const result = await graphql<{ talentStats: Stats }>(url(), `{ talentStats { ${stats} } }`, { token: reader });
    expect(result.data!.talentStats).toEqual(expectedStats(people));
    expect(people.length).toBeGreaterThan(100);
  });

  it('gives every lab’s figures exactly with talent:read, and an unknown lab zeros', async () => {
    const labIds = [...new Set(people.map((person) => person.lab.id))];
    const result = await labStats([...labIds, 'no-such-lab'], reader);
    for (const lab of result.data!._entities)
      expect({ lab: lab.id, figures: lab.talentStats }).toEqual({
        lab: lab.id,
        figures: expectedStats(people.filter((person) => person.lab.id === lab.id)),
      });
  });

  it('figures a city from the people of the labs the gateway hands over', async () => {
    const labs = ['airlab-delft', 'ai-for-fintech-research', 'delft-energy-ai-lab'];
    const result = await graphql<{ _entities: Array<{ talentStats: Stats }> }>(
      url(),
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Location { talentStats { ${stats} } } } }`,
      {
        token: reader,
        variables: {
          r: [
            { __typename: 'Location', id: 'delft', labs: labs.map((id) => ({ id })) },
            { __typename: 'Location', id: 'nowhere', labs: [] },
          ],
        },
      },
    );
    const [delft, empty] = result.data!._entities;
    expect(delft!.talentStats).toEqual(expectedStats(people.filter((person) => labs.includes(person.lab.id))));
    expect(empty!.talentStats).toMatchObject({ total: 0, placementsBySector: [], release: null });
  });

  it('gives everyone else the released figures, perturbed: never 1 to 4, each a value its true count can be published as, the same every time', async () => {
    const network = await graphql<{ talentStats: Stats }>(url(), `{ talentStats { ${stats} } }`);
    expect(network.data!.talentStats.release?.id).toMatch(/^r-/);
    expect(consistent(network.data!.talentStats, expectedStats(people))).toEqual([]);
    const labIds = [...new Set(people.map((person) => person.lab.id))];
    const labs = (await labStats(labIds)).data!._entities;
    let perturbed = 0;
    for (const lab of labs) {
      const truth = expectedStats(people.filter((person) => person.lab.id === lab.id));
      expect({ lab: lab.id, wrong: consistent(lab.talentStats, truth) }).toEqual({ lab: lab.id, wrong: [] });
      expect(lab.talentStats.release?.id).toBe(network.data!.talentStats.release!.id);
      if (lab.talentStats.total !== truth.total || lab.talentStats.graduated !== truth.graduated) perturbed += 1;
    }
    expect(perturbed).toBeGreaterThan(0);
    expect((await labStats(labIds)).data!._entities).toEqual(labs);
  });

  it('changes the public figures only at the next release: a new person shows at once with talent:read only', async () => {
    const before = {
      exact: (await labStats(['quva-lab'], reader)).data!._entities[0]!,
      released: (await labStats(['quva-lab'])).data!._entities[0]!,
    };
    const registered = await graphql(
      url(),
      'mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { id } userErrors { code } } }',
      {
        token: tokenWith('human-capital:write'),
        variables: { input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2024 } },
      },
    );
    expect(userErrorCodes(registered)).toEqual([]);
    expect((await labStats(['quva-lab'], reader)).data!._entities[0]!.talentStats.total).toBe(before.exact.talentStats.total + 1);
    expect((await labStats(['quva-lab'])).data!._entities[0]).toEqual(before.released);
  });

  it.each(['quva-lab', 'thira-lab', 'civic-ai-lab'])('counts the graduates of %s at each of its partners, most first', async (labId) => {
    const graduates = people.filter((person) => person.lab.id === labId && person.stage === 'GRADUATED');
    const employers = [...new Set(graduates.flatMap((person) => person.placements.map((placement) => placement.organisation.id)))];
    const partners = [...employers.slice(0, 3), 'a-partner-that-hired-nobody'];
    const truth = new Map(
      partners.map((id) => [
        id,
        graduates.filter((person) => person.placements.some((placement) => placement.organisation.id === id)).length,
      ]),
    );
    const expected = [...truth.entries()]
      .filter(([, count]) => count > 0)
      .map(([id, count]) => ({ organisation: { id }, graduates: count, release: null }))
      .sort((a, b) => b.graduates - a.graduates || a.organisation.id.localeCompare(b.organisation.id));
    expect(expected.length).toBeGreaterThan(0);
    const ask = (token?: string) =>
      graphql<{ _entities: Array<{ partnerHires: Hires & Array<{ release: { id: string } | null }> }> }>(
        url(),
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Lab { partnerHires { organisation { id } graduates release { id } } } } }',
        { token, variables: { r: [{ __typename: 'Lab', id: labId, partners: partners.map((id) => ({ organisation: { id } })) }] } },
      );
    expect((await ask(reader)).data!._entities[0]!.partnerHires).toEqual(expected);
    // Without talent:read: released and perturbed, only partners with a positive published count, none of 1 to 4.
    const released = (await ask()).data!._entities[0]!.partnerHires;
    for (const hire of released) {
      expect(partners).toContain(hire.organisation.id);
      expect(hire.graduates).toBeGreaterThanOrEqual(5);
      expect(possibleTrueCounts(hire.graduates)).toContain(truth.get(hire.organisation.id));
      expect(hire.release?.id).toMatch(/^r-/);
    }
  });
});

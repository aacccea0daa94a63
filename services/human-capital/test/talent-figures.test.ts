import { anonymous } from '@nlai/auth';
import { graphql, testDialects, tokenWith } from '@nlai/testing';
import type { TalentFigures } from '../src/repositories';
import { publishTalentStats } from '../src/services/talent-stats';
import { useHumanCapital } from './start';

const reader = tokenWith('talent:read');
const stats = `total phdCandidates graduated retainedInNetherlands international internationalShare
  placementsBySector { sector placements } placementsByOrganisationKind { kind placements }`;

type Person = {
  id: string;
  stage: string;
  origin: string;
  lab: { id: string };
  placements: Array<{ id: string; country: string; sector: string | null; startYear: number; organisation: { id: string } }>;
};

describe.each(testDialects())('talent figures and partner hires (%s)', (dialect) => {
  const server = useHumanCapital(dialect, 'hc-figures');
  const strict = useHumanCapital(dialect, 'hc-figures-strict', { TALENT_STATS_THRESHOLD: '100' });
  let people: Person[] = [];
  let kindOf = new Map<string, string>();

  beforeAll(async () => {
    people = [];
    let after: string | null = null;
    do {
      const result: Awaited<
        ReturnType<typeof graphql<{ talents: { edges: Array<{ node: Person }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }>>
      > = await graphql(
        server().url,
        'query($after: String) { talents(first: 100, after: $after) { edges { node { id stage origin lab { id } placements { id country sector startYear organisation { id } } } } pageInfo { hasNextPage endCursor } } }',
        { token: reader, variables: { after } },
      );
      people.push(...result.data!.talents.edges.map((edge) => edge.node));
      after = result.data!.talents.pageInfo.hasNextPage ? result.data!.talents.pageInfo.endCursor : null;
    } while (after);
    const kinds: Array<{ id: string; organisation_kind: string | null }> = await server().dataSource.query(
      'SELECT id, organisation_kind FROM placement',
    );
    kindOf = new Map(kinds.map((row) => [row.id, row.organisation_kind ?? 'UNKNOWN']));
  });

  /** The figures worked out the slow way, from the person-level records. */
  const expectedFigures = (of: Person[]): TalentFigures => {
    const tally = (keys: string[]) => {
      const counts = new Map<string, number>();
      for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
      return [...counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
    };
    const placements = of.flatMap((person) => person.placements);
    const graduates = of.filter((person) => person.stage === 'GRADUATED');
    const latestCountry = (person: Person) =>
      [...person.placements].sort((a, b) => b.startYear - a.startYear || (a.id < b.id ? 1 : -1))[0]?.country;
    return {
      total: of.length,
      phdCandidates: of.filter((person) => person.stage === 'PHD_CANDIDATE').length,
      graduated: graduates.length,
      retainedInNetherlands: graduates.filter((person) => latestCountry(person) === 'NL').length,
      international: of.filter((person) => person.origin === 'INTERNATIONAL').length,
      placementsBySector: tally(placements.map((placement) => placement.sector ?? 'unknown')).map(([sector, count]) => ({
        sector,
        placements: count,
      })),
      placementsByOrganisationKind: tally(placements.map((placement) => kindOf.get(placement.id)!)).map(([kind, count]) => ({
        kind: kind as TalentFigures['placementsByOrganisationKind'][number]['kind'],
        placements: count,
      })),
    };
  };
  const exact = (figures: TalentFigures) => ({
    ...figures,
    internationalShare: figures.total ? figures.international / figures.total : null,
  });
  const sortCells = <T extends { placements: number | null }>(cells: T[]) =>
    [...cells].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  /** Cells of equal count may come in either order; compare them as sets. */
  const comparable = (figures: ReturnType<typeof exact>) => ({
    ...figures,
    internationalShare: figures.internationalShare === null ? null : Number(figures.internationalShare.toFixed(10)),
    placementsBySector: sortCells(figures.placementsBySector),
    placementsByOrganisationKind: sortCells(figures.placementsByOrganisationKind),
  });

  it('gives the network’s figures exactly with talent:read, as the person-level records add up', async () => {
    const result = await graphql<{ talentStats: ReturnType<typeof exact> }>(server().url, `{ talentStats { ${stats} } }`, {
      token: reader,
    });
    expect(comparable(result.data!.talentStats)).toEqual(comparable(exact(expectedFigures(people))));
    expect(result.data!.talentStats.total).toBeGreaterThan(100);
  });

  it('gives every lab’s figures exactly with talent:read, and an unknown lab zeros', async () => {
    const labIds = [...new Set(people.map((person) => person.lab.id))];
    const result = await graphql<{ _entities: Array<{ id: string; talentStats: ReturnType<typeof exact> }> }>(
      server().url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Lab { id talentStats { ${stats} } } } }`,
      { token: reader, variables: { r: [...labIds, 'no-such-lab'].map((id) => ({ __typename: 'Lab', id })) } },
    );
    for (const lab of result.data!._entities)
      expect({ lab: lab.id, figures: comparable(lab.talentStats) }).toEqual({
        lab: lab.id,
        figures: comparable(exact(expectedFigures(people.filter((person) => person.lab.id === lab.id)))),
      });
  });

  it('adds up the figures of a city’s labs, given the labs the gateway hands over', async () => {
    const labs = ['airlab-delft', 'ai-for-fintech-research', 'delft-energy-ai-lab'];
    const result = await graphql<{ _entities: Array<{ talentStats: ReturnType<typeof exact> }> }>(
      server().url,
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
    expect(comparable(delft!.talentStats)).toEqual(
      comparable(exact(expectedFigures(people.filter((person) => labs.includes(person.lab.id))))),
    );
    expect(empty!.talentStats).toMatchObject({ total: 0, placementsBySector: [] });
  });

  it('suppresses small and derivable figures without talent:read, at the configured threshold', async () => {
    const anonymousStats = async (url: string) =>
      (
        await graphql<{ talentStats: ReturnType<typeof exact>; _entities: Array<{ talentStats: ReturnType<typeof exact> }> }>(
          url,
          `query($r: [_Any!]!) { talentStats { ${stats} } _entities(representations: $r) { ... on Lab { talentStats { ${stats} } } } }`,
          { variables: { r: [{ __typename: 'Lab', id: 'quva-lab' }] } },
        )
      ).data!;
    const network = expectedFigures(people);
    const quva = expectedFigures(people.filter((person) => person.lab.id === 'quva-lab'));
    const atFive = await anonymousStats(server().url);
    expect(comparable(atFive.talentStats)).toEqual(comparable(publishTalentStats(network, anonymous, 5) as ReturnType<typeof exact>));
    expect(comparable(atFive._entities[0]!.talentStats)).toEqual(
      comparable(publishTalentStats(quva, anonymous, 5) as ReturnType<typeof exact>),
    );
    // The lab has fewer than 100 people: at a threshold of 100 only its total is public.
    const atHundred = await anonymousStats(strict().url);
    expect(atHundred._entities[0]!.talentStats).toEqual({
      total: quva.total,
      phdCandidates: null,
      graduated: null,
      retainedInNetherlands: null,
      international: null,
      internationalShare: null,
      placementsBySector: quva.placementsBySector.map(({ sector }) => ({ sector, placements: null })),
      placementsByOrganisationKind: quva.placementsByOrganisationKind.map(({ kind }) => ({ kind, placements: null })),
    });
  });

  it.each(['quva-lab', 'thira-lab', 'civic-ai-lab'])('counts the graduates of %s at each of its partners, most first', async (labId) => {
    const graduates = people.filter((person) => person.lab.id === labId && person.stage === 'GRADUATED');
    const employers = [...new Set(graduates.flatMap((person) => person.placements.map((placement) => placement.organisation.id)))];
    const partners = [...employers.slice(0, 3), 'a-partner-that-hired-nobody'];
    const expected = partners
      .map((id) => ({
        organisation: { id },
        graduates: graduates.filter((person) => person.placements.some((placement) => placement.organisation.id === id)).length,
      }))
      .filter((hire) => hire.graduates > 0)
      .sort((a, b) => b.graduates - a.graduates || (a.organisation.id < b.organisation.id ? -1 : 1));
    expect(expected.length).toBeGreaterThan(0);
    const ask = (url: string, token?: string) =>
      graphql<{ _entities: Array<{ partnerHires: Array<{ organisation: { id: string }; graduates: number | null }> }> }>(
        url,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Lab { partnerHires { organisation { id } graduates } } } }',
        { token, variables: { r: [{ __typename: 'Lab', id: labId, partners: partners.map((id) => ({ organisation: { id } })) }] } },
      );
    expect((await ask(server().url, reader)).data!._entities[0]!.partnerHires).toEqual(expected);
    // Without talent:read, every count is hidden once none reaches the threshold.
    expect((await ask(strict().url)).data!._entities[0]!.partnerHires).toEqual(expected.map((hire) => ({ ...hire, graduates: null })));
  });
});

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { graphql, testDialects, tokenWith } from '@nlai/testing';
import { possibleTrueCounts } from '@nlai/human-capital/dist/services/cell-key';
import { useGraph } from './graph-fixture';

const reader = tokenWith('talent:read');
const operations = resolve(__dirname, '../../schema/operations');
const saved = (file: string) => readFileSync(join(operations, file), 'utf8');

interface Person {
  id: string;
  stage: string;
  origin: string;
  lab: { id: string; location: { city: string }; partners: Array<{ organisation: { id: string } }> } | null;
  placements: Array<{
    id: string;
    country: string;
    sector: string | null;
    startYear: number;
    organisation: { id: string; kind: string } | null;
  }>;
}

/** Tallies values: { value: count }. */
const tally = (values: string[]) =>
  values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {});
const asTally = <Key extends string>(cells: Array<Record<Key, string> & { placements: number | null }>, key: Key) =>
  Object.fromEntries(cells.map((cell) => [cell[key], cell.placements]));

describe.each(testDialects())('the saved operations answer the analysts’ questions, as the person-level records do (%s)', (dialect) => {
  const graph = useGraph(dialect);
  /** Runs a saved operation, with talent:read unless `token` is null (an anonymous caller). */
  const run = <Data>(file: string, variables: Record<string, unknown> = {}, token: string | null = reader) =>
    graphql<Data>(graph().gateway.url, saved(file), { token: token ?? undefined, variables });

  let people: Person[] = [];
  beforeAll(async () => {
    let after: string | null = null;
    do {
      const page: Awaited<
        ReturnType<typeof graphql<{ talents: { edges: Array<{ node: Person }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }>>
      > = await graphql(
        graph().gateway.url,
        `query($after: String) { talents(first: 100, after: $after) { edges { node { id stage origin
           lab { id location { city } partners { organisation { id } } }
           placements { id country sector startYear organisation { id kind } } } } pageInfo { hasNextPage endCursor } } }`,
        { token: reader, variables: { after } },
      );
      expect(page.errors).toBeUndefined();
      people.push(...page.data!.talents.edges.map((edge) => edge.node));
      after = page.data!.talents.pageInfo.hasNextPage ? page.data!.talents.pageInfo.endCursor : null;
    } while (after);
    people = people.filter((person) => person.lab);
  });

  const latestCountry = (person: Person) =>
    [...person.placements].sort((a, b) => b.startYear - a.startYear || (b.id < a.id ? -1 : 1))[0]?.country;
  const graduates = (group: Person[]) => group.filter((person) => person.stage === 'GRADUATED');
  const retained = (group: Person[]) => graduates(group).filter((person) => latestCountry(person) === 'NL').length;

  it('GraduateDestinations: placements per sector and per kind of employer, per active lab', async () => {
    const result = await run<{
      labs: {
        edges: Array<{
          node: {
            id: string;
            talentStats: {
              total: number;
              graduated: number;
              retainedInNetherlands: number;
              placementsBySector: Array<{ sector: string; placements: number }>;
              placementsByOrganisationKind: Array<{ kind: string; placements: number }>;
            };
          };
        }>;
      };
    }>('graduate-destinations.graphql', { first: 100 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.labs.edges).toHaveLength(20);
    for (const { node: lab } of result.data!.labs.edges) {
      const ofLab = people.filter((person) => person.lab!.id === lab.id);
      const placements = ofLab.flatMap((person) => person.placements);
      expect({
        lab: lab.id,
        ...lab.talentStats,
        placementsBySector: asTally(lab.talentStats.placementsBySector, 'sector'),
        placementsByOrganisationKind: asTally(lab.talentStats.placementsByOrganisationKind, 'kind'),
      }).toEqual({
        lab: lab.id,
        total: ofLab.length,
        graduated: graduates(ofLab).length,
        retainedInNetherlands: retained(ofLab),
        placementsBySector: tally(placements.map((placement) => placement.sector ?? 'unknown')),
        placementsByOrganisationKind: tally(placements.map((placement) => placement.organisation?.kind ?? 'UNKNOWN')),
      });
    }
  });

  it('GraduateDestinations without talent:read: released, perturbed figures; sectors published as 0 are absent', async () => {
    const exact = await run<{
      labs: {
        edges: Array<{ node: { id: string; talentStats: { placementsBySector: Array<{ sector: string; placements: number | null }> } } }>;
      };
    }>('graduate-destinations.graphql', { first: 100 });
    const open = await run<typeof exact extends { data?: infer Data | null } ? Data : never>(
      'graduate-destinations.graphql',
      { first: 100 },
      null,
    );
    expect(open.errors).toBeUndefined();
    let absent = 0;
    open.data!.labs.edges.forEach(({ node }, index) => {
      const truth = new Map(
        exact.data!.labs.edges[index]!.node.talentStats.placementsBySector.map((cell) => [cell.sector, cell.placements!]),
      );
      const cells = node.talentStats.placementsBySector;
      for (const cell of cells) {
        expect({
          lab: node.id,
          sector: cell.sector,
          consistent: possibleTrueCounts(cell.placements).includes(truth.get(cell.sector) ?? -1),
        }).toEqual({
          lab: node.id,
          sector: cell.sector,
          consistent: true,
        });
        expect(cell.placements).toBeGreaterThanOrEqual(5);
      }
      absent += truth.size - cells.length;
      const ordered = [...cells].sort((a, b) => b.placements! - a.placements! || a.sector.localeCompare(b.sector));
      expect(cells).toEqual(ordered);
    });
    expect(absent).toBeGreaterThan(0);
  });

  it('RetentionPerCity: graduates and those who stay in the Netherlands, per city', async () => {
    const result = await run<{
      locations: Array<{
        city: string;
        talentStats: {
          total: number;
          graduated: number;
          retainedInNetherlands: number;
          international: number;
          internationalShare: number | null;
        };
      }>;
    }>('retention-per-city.graphql');
    expect(result.errors).toBeUndefined();
    for (const location of result.data!.locations) {
      const inCity = people.filter((person) => person.lab!.location.city === location.city);
      const international = inCity.filter((person) => person.origin === 'INTERNATIONAL').length;
      expect({ city: location.city, ...location.talentStats }).toEqual({
        city: location.city,
        total: inCity.length,
        graduated: graduates(inCity).length,
        retainedInNetherlands: retained(inCity),
        international,
        internationalShare: inCity.length ? international / inCity.length : null,
      });
    }
    expect(result.data!.locations.find((location) => location.city === 'Amsterdam')!.talentStats.total).toBeGreaterThan(20);
  });

  it.each(['quva-lab', 'thira-lab', 'civic-ai-lab'])(
    'PartnersHiringGraduates: the partners of %s that employ its graduates',
    async (labId) => {
      const result = await run<{ lab: { partnerHires: Array<{ organisation: { id: string }; graduates: number }> } }>(
        'partners-hiring-graduates.graphql',
        { labId },
      );
      expect(result.errors).toBeUndefined();
      const ofLab = graduates(people.filter((person) => person.lab!.id === labId));
      const partners = new Set(
        people.find((person) => person.lab!.id === labId)!.lab!.partners.map((partnership) => partnership.organisation.id),
      );
      const expected = tally(
        ofLab.flatMap((person) =>
          [...new Set(person.placements.map((placement) => placement.organisation!.id))].filter((id) => partners.has(id)),
        ),
      );
      expect(Object.fromEntries(result.data!.lab.partnerHires.map((hire) => [hire.organisation.id, hire.graduates]))).toEqual(expected);
    },
  );

  it('CoursesForSector: every course for health, and only those', async () => {
    const all = await graphql<{ courses: Array<{ id: string; sectors: string[] }> }>(graph().gateway.url, '{ courses { id sectors } }');
    const result = await run<{ courses: Array<{ id: string; sectors: string[]; provider: { name: string } }> }>(
      'courses-for-sector.graphql',
      { sector: 'Health' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.courses.map((course) => course.id).sort()).toEqual(
      all
        .data!.courses.filter((course) => course.sectors.includes('health'))
        .map((course) => course.id)
        .sort(),
    );
    expect(result.data!.courses.length).toBeGreaterThan(0);
  });

  it('VacanciesMatchingLab: vacancies asking for any of the lab’s themes, in any letter case', async () => {
    const all = await graphql<{ vacancies: { edges: Array<{ node: { id: string; themes: string[] } }> } }>(
      graph().gateway.url,
      '{ vacancies(first: 100) { edges { node { id themes } } } }',
    );
    for (const labId of ['ai-for-oncology', 'thira-lab', 'mercury-machine-learning-lab']) {
      const result = await run<{ lab: { themes: string[]; matchingVacancies: Array<{ id: string }> } }>('vacancies-matching-lab.graphql', {
        labId,
      });
      expect(result.errors).toBeUndefined();
      const themes = new Set(result.data!.lab.themes.map((theme) => theme.toLowerCase()));
      const expected = all
        .data!.vacancies.edges.map((edge) => edge.node)
        .filter((vacancy) => vacancy.themes.some((theme) => themes.has(theme.toLowerCase())));
      expect(result.data!.lab.matchingVacancies.map((vacancy) => vacancy.id).sort()).toEqual(expected.map((vacancy) => vacancy.id).sort());
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it('NetworkSummary: labs by status, city and theme add up to the list of labs', async () => {
    const labs = await graphql<{ labs: { edges: Array<{ node: { status: string; themes: string[]; location: { city: string } } }> } }>(
      graph().gateway.url,
      '{ labs(first: 100) { edges { node { status themes location { city } } } } }',
    );
    const list = labs.data!.labs.edges.map((edge) => edge.node);
    const result = await run<{
      networkSummary: {
        labs: number;
        labsByStatus: Array<{ status: string; labs: number }>;
        labsByCity: Array<{ city: string; labs: number }>;
        labsByTheme: Array<{ theme: string; labs: number }>;
        hubs: unknown[];
        spokes: unknown[];
      };
    }>('network-summary.graphql');
    expect(result.errors).toBeUndefined();
    const summary = result.data!.networkSummary;
    const asCounts = <Key extends string>(rows: Array<Record<Key, string> & { labs: number }>, key: Key) =>
      Object.fromEntries(rows.map((row) => [row[key], row.labs]));
    expect(summary.labs).toBe(list.length);
    expect(asCounts(summary.labsByStatus, 'status')).toEqual(tally(list.map((lab) => lab.status)));
    expect(asCounts(summary.labsByCity, 'city')).toEqual(tally(list.map((lab) => lab.location.city)));
    expect(asCounts(summary.labsByTheme, 'theme')).toEqual(tally(list.flatMap((lab) => lab.themes)));
    expect([summary.hubs.length, summary.spokes.length]).toEqual([6, 5]);
  });

  it('NetworkTalent: the network’s figures, courses per sector and vacancies per theme', async () => {
    const result = await run<{
      talentStats: { total: number; phdCandidates: number; international: number };
      courseFigures: { bySector: Array<{ sector: string; courses: number }> };
      vacancyFigures: { byTheme: Array<{ theme: string; vacancies: number }> };
    }>('network-talent.graphql');
    expect(result.errors).toBeUndefined();
    expect(result.data!.talentStats).toMatchObject({
      total: people.length,
      phdCandidates: people.filter((person) => person.stage === 'PHD_CANDIDATE').length,
      international: people.filter((person) => person.origin === 'INTERNATIONAL').length,
    });
    const courses = await graphql<{ courses: Array<{ sectors: string[] }> }>(graph().gateway.url, '{ courses { sectors } }');
    expect(Object.fromEntries(result.data!.courseFigures.bySector.map((row) => [row.sector, row.courses]))).toEqual(
      tally(courses.data!.courses.flatMap((course) => course.sectors)),
    );
    const vacancies = await graphql<{ vacancies: { edges: Array<{ node: { themes: string[] } }> } }>(
      graph().gateway.url,
      '{ vacancies(first: 100) { edges { node { themes } } } }',
    );
    expect(Object.fromEntries(result.data!.vacancyFigures.byTheme.map((row) => [row.theme, row.vacancies]))).toEqual(
      tally(vacancies.data!.vacancies.edges.flatMap((edge) => edge.node.themes)),
    );
  });
});

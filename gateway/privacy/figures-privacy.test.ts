import { testDialects, tokenWith } from '@nlai/testing';
import { useGraph } from '../test/graph-fixture';
import {
  ask,
  cellsOf,
  consistentDifferences,
  consistentWith,
  countFields,
  intersect,
  publishRelease,
  statsFields,
  type Stats,
} from './attacker';

// The attacks of issue 11, run as an attacker would: each one reads public
// figures (no talent:read) around writes it is allowed to make, and tries to
// work out a count of 1 to 4 people. The attacker knows the published method
// (docs/privacy.md), not the people's record keys.
const reader = tokenWith('talent:read');
const researchWriter = tokenWith('research-innovation:write');
const talentWriter = tokenWith('human-capital:write');
const threshold = 5;

const labStats = `query($id: ID!) { lab(id: $id) { talentStats { ${statsFields} } } }`;
const cityStats = `query($city: String!) { location(city: $city) { talentStats { ${statsFields} } } }`;
const networkStats = `{ talentStats { ${statsFields} } }`;
const partnerHires = `query($id: ID!) { lab(id: $id) { partnerHires { organisation { id } graduates } } }`;
const everything = `{
  talentStats { ${statsFields} }
  locations { city talentStats { ${statsFields} } }
  labs(first: 100) { edges { node { id location { city } talentStats { ${statsFields} } partnerHires { organisation { id } graduates } } } }
}`;

interface Everything {
  talentStats: Stats;
  locations: Array<{ city: string; talentStats: Stats | null }>;
  labs: {
    edges: Array<{
      node: {
        id: string;
        location: { city: string };
        talentStats: Stats;
        partnerHires: Array<{ organisation: { id: string }; graduates: number | null }>;
      };
    }>;
  };
}

interface Person {
  stage: string;
  lab: { id: string; partners: Array<{ organisation: { id: string } }> } | null;
  placements: Array<{ organisation: { id: string } | null }>;
}

/** What the attacks recovered, printed at the end for the issue's closing note. */
const recovered: string[] = [];

describe.each(testDialects())('public talent figures against the attacks of issue 11 (%s)', (dialect) => {
  const graph = useGraph(dialect);
  const stats = {
    lab: async (id: string, token?: string) =>
      (await ask<{ lab: { talentStats: Stats } }>(graph(), labStats, { id }, token)).lab.talentStats,
    city: async (city: string, token?: string) =>
      (await ask<{ location: { talentStats: Stats } }>(graph(), cityStats, { city }, token)).location.talentStats,
    network: async (token?: string) => (await ask<{ talentStats: Stats }>(graph(), networkStats, {}, token)).talentStats,
  };
  const hiresOf = async (id: string) =>
    (await ask<{ lab: { partnerHires: Array<{ organisation: { id: string }; graduates: number | null }> } }>(graph(), partnerHires, { id }))
      .lab.partnerHires;

  const people: Person[] = [];
  beforeAll(async () => {
    let after: string | null = null;
    do {
      const page: { talents: { edges: Array<{ node: Person }>; pageInfo: { hasNextPage: boolean; endCursor: string } } } = await ask(
        graph(),
        `query($after: String) { talents(first: 100, after: $after) { edges { node { stage lab { id partners { organisation { id } } }
           placements { organisation { id } } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        reader,
      );
      people.push(...page.talents.edges.map((edge) => edge.node).filter((person) => person.lab));
      after = page.talents.pageInfo.hasNextPage ? page.talents.pageInfo.endCursor : null;
    } while (after);
  });

  it('repeating a query, or asking for the same people through a lab and a city, never gives two values for one cell', async () => {
    const first = await ask<Everything>(graph(), everything);
    const again = await ask<Everything>(graph(), everything);
    expect(again).toEqual(first);
    // A city whose people all belong to one lab: the same people, so the same cells.
    const peopleOf = (labId: string) => people.filter((person) => person.lab!.id === labId).length;
    const soleLab = first.locations.flatMap((location) => {
      const peopled = first.labs.edges.filter((edge) => edge.node.location.city === location.city && peopleOf(edge.node.id) > 0);
      return peopled.length === 1 ? [{ location, lab: peopled[0]!.node }] : [];
    });
    expect(soleLab.length).toBeGreaterThan(0);
    for (const { location, lab } of soleLab) {
      expect({ city: location.city, cells: Object.fromEntries(cellsOf(location.talentStats!)) }).toEqual({
        city: location.city,
        cells: Object.fromEntries(cellsOf(lab.talentStats)),
      });
    }
  });

  it('presence and order: no public count is null or between 1 and 4, and every list is ordered by its published values, then by name', async () => {
    const all = await ask<Everything>(graph(), everything);
    const lists: Array<{ where: string; rows: Array<{ name: string; value: number | null }> }> = [];
    const statsLists = (where: string, value: Stats) => {
      lists.push({
        where: `${where} by sector`,
        rows: value.placementsBySector.map((row) => ({ name: row.sector, value: row.placements })),
      });
      lists.push({
        where: `${where} by kind`,
        rows: value.placementsByOrganisationKind.map((row) => ({ name: row.kind, value: row.placements })),
      });
    };
    const counts: Array<{ where: string; value: number | null }> = [];
    const collect = (where: string, value: Stats) => {
      for (const [cell, count] of cellsOf(value)) counts.push({ where: `${where} ${cell}`, value: count });
      statsLists(where, value);
    };
    collect('network', all.talentStats);
    for (const location of all.locations) if (location.talentStats) collect(location.city, location.talentStats);
    for (const { node } of all.labs.edges) {
      collect(node.id, node.talentStats);
      lists.push({
        where: `${node.id} partner hires`,
        rows: node.partnerHires.map((row) => ({ name: row.organisation.id, value: row.graduates })),
      });
      for (const row of node.partnerHires) counts.push({ where: `${node.id} hires at ${row.organisation.id}`, value: row.graduates });
    }
    const revealing = counts.filter(({ value }) => value === null || (value >= 1 && value < threshold));
    if (revealing.length) recovered.push(`${dialect} presence: ${revealing.length} public counts null or 1-4, e.g. ${revealing[0]!.where}`);
    expect(revealing).toEqual([]);
    for (const list of lists) {
      const ordered = [...list.rows].sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.name.localeCompare(b.name));
      expect({ where: list.where, rows: list.rows }).toEqual({ where: list.where, rows: ordered });
      // A row is there only for a positive published value: absent says nothing more than a published 0.
      expect({ where: list.where, rows: list.rows.filter((row) => !(row.value! >= threshold)) }).toEqual({ where: list.where, rows: [] });
    }
  });

  it('moving a lab out of its city and back does not give away its hidden counts', async () => {
    const move = async (city: string) => {
      const result = await ask<{ labUpdate: { userErrors: unknown[] } }>(
        graph(),
        `mutation($input: LabUpdateInput!) { labUpdate(input: $input) { userErrors { code } } }`,
        { input: { id: 'quva-lab', city } },
        researchWriter,
      );
      expect(result.labUpdate.userErrors).toEqual([]);
    };
    const truth = await stats.lab('quva-lab', reader);
    const ofLab = await stats.lab('quva-lab');
    const before = await stats.city('Amsterdam');
    await move('Enschede');
    const without = await stats.city('Amsterdam');
    await move('Amsterdam');
    expect(await stats.city('Amsterdam')).toEqual(before);

    const hidden = countFields.filter((field) => truth[field]! >= 1 && truth[field]! < threshold);
    expect(hidden.length).toBeGreaterThan(0);
    let rightGuesses = 0;
    for (const field of countFields) {
      const candidates = intersect(consistentDifferences(before[field], without[field]), consistentWith(ofLab[field]));
      if (before[field]! - without[field]! === truth[field]) rightGuesses += 1;
      if (!hidden.includes(field)) continue;
      recovered.push(`${dialect} moving QUVA: ${field} is ${truth[field]}; the attacker is left with {${candidates.join(', ')}}`);
      expect({ field, exact: candidates.length === 1 }).toEqual({ field, exact: false });
      expect(candidates).toContain(truth[field]);
    }
    // The difference of the two tables carries noise: subtracting does not give every count of the lab.
    expect(rightGuesses).toBeLessThan(countFields.length);
  });

  it('adding an organisation as a partner does not show whether a few graduates work there', async () => {
    // A lab and a non-partner where 1 to 4 of the lab's graduates work (known to the test, not the attacker).
    const hires = new Map<string, number>();
    for (const person of people.filter((one) => one.stage === 'GRADUATED')) {
      const partners = new Set(person.lab!.partners.map((partnership) => partnership.organisation.id));
      for (const id of new Set(person.placements.map((placement) => placement.organisation?.id))) {
        if (id && !partners.has(id)) hires.set(`${person.lab!.id} ${id}`, (hires.get(`${person.lab!.id} ${id}`) ?? 0) + 1);
      }
    }
    const [pair, truth] = [...hires].sort(([a], [b]) => a.localeCompare(b)).find(([, count]) => count < threshold)!;
    const [labId, organisationId] = pair.split(' ') as [string, string];
    const added = await ask<{ partnershipCreate: { userErrors: unknown[] } }>(
      graph(),
      `mutation($input: PartnershipCreateInput!) { partnershipCreate(input: $input) { userErrors { code } } }`,
      { input: { labId, organisationId, role: 'EXTERNAL_PARTNER' } },
      researchWriter,
    );
    expect(added.partnershipCreate.userErrors).toEqual([]);
    const row = (await hiresOf(labId)).find((hire) => hire.organisation.id === organisationId);
    const candidates = consistentWith(row ? row.graduates : 0);
    recovered.push(
      `${dialect} adding ${organisationId} to ${labId}: ${truth} graduates work there; the attacker is left with {${candidates.join(', ')}}`,
    );
    expect(candidates).toContain(truth);
    // Not even whether anyone works there.
    expect(candidates).toContain(0);
  });

  it('watching a registration: public figures change only at the next release, and then do not say who the new person is', async () => {
    // A lab whose graduates and people from abroad are 1 to 4 each, as the issue's example.
    const labIds = [...new Set(people.map((person) => person.lab!.id))].sort();
    const truths = await Promise.all(labIds.map((id) => stats.lab(id, reader)));
    const index = truths.findIndex((truth) => truth.graduated! < threshold && truth.international! < threshold);
    const labId = labIds[index]!;
    const city = (
      await ask<{ lab: { location: { city: string } } }>(graph(), `query($id: ID!) { lab(id: $id) { location { city } } }`, { id: labId })
    ).lab.location.city;
    const look = async () => ({ lab: await stats.lab(labId), city: await stats.city(city), network: await stats.network() });
    const exactTotal = async () => (await stats.network(reader)).total;

    const before = await look();
    const exactBefore = await exactTotal();
    const registered = await ask<{ talentRegister: { userErrors: unknown[] } }>(
      graph(),
      `mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { userErrors { code } } }`,
      { input: { labId, stage: 'GRADUATED', origin: 'INTERNATIONAL', startYear: 2021, endYear: 2025 } },
      talentWriter,
    );
    expect(registered.talentRegister.userErrors).toEqual([]);
    // Callers with talent:read see the write at once; the public figures do not change until the next release.
    expect(await exactTotal()).toBe(exactBefore + 1);
    const between = await look();
    if (JSON.stringify(between) !== JSON.stringify(before)) {
      const changed = (['lab', 'city', 'network'] as const).flatMap((level) =>
        (['graduated', 'international'] as const)
          .filter((field) => between[level][field] !== before[level][field])
          .map((field) => `${level} ${field} ${before[level][field]} -> ${between[level][field]}`),
      );
      recovered.push(`${dialect} watching a registration in ${labId}: seen at once (${changed.join('; ')})`);
    }
    expect(between).toEqual(before);

    await publishRelease(graph());
    const after = await look();
    for (const level of ['lab', 'city', 'network'] as const) {
      for (const field of ['graduated', 'international'] as const) {
        const change = consistentDifferences(after[level][field], before[level][field]);
        recovered.push(`${dialect} watching a registration in ${labId}: ${level} ${field} changed by one of {${change.join(', ')}}`);
        expect({ level, field, exact: change.length === 1 }).toEqual({ level, field, exact: false });
        expect(change).toContain(1);
        // Whether the new person is a graduate, or from abroad: the lab's own figures leave both open.
        if (level === 'lab') expect(intersect(change, [0, 1])).toEqual([0, 1]);
      }
    }
  });
});

afterAll(() => {
  process.stdout.write(`\nWhat the attacks recovered:\n${recovered.map((line) => `  ${line}`).join('\n')}\n`);
});

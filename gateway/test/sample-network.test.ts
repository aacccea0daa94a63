import { graphql, testDialects, tokenWith } from '@nlai/testing';
import { useGraph } from './graph-fixture';

const talentReader = tokenWith('talent:read');

interface LabNode {
  id: string;
  name: string;
  status: string;
  placeholder: boolean;
  location: { city: string };
  partners: Array<{ role: string; organisation: { kind: string } }>;
  talentStats: { total: number } | null;
}

describe.each(testDialects())('the sample network through the gateway (%s)', (dialect) => {
  const graph = useGraph(dialect);

  /** Every lab; figures exact with a talent:read token, released and perturbed without. */
  async function allLabs(token?: string): Promise<LabNode[]> {
    const result = await graphql<{ labs: { totalCount: number; edges: Array<{ node: LabNode }> } }>(
      graph().gateway.url,
      `{ labs(first: 100) { totalCount edges { node { id name status placeholder location { city }
           partners { role organisation { kind } } talentStats { total } } } } }`,
      token ? { token } : {},
    );
    expect(result.errors).toBeUndefined();
    return result.data!.labs.edges.map((edge) => edge.node);
  }

  it('has 20 active labs in the seven cities of February 2021', async () => {
    const active = (await allLabs()).filter((lab) => lab.status === 'ACTIVE');
    expect(active).toHaveLength(20);
    expect(new Set(active.map((lab) => lab.location.city))).toEqual(
      new Set(['Amsterdam', 'Delft', 'Den Bosch', 'Eindhoven', 'Nijmegen', 'Utrecht', 'Wageningen']),
    );
  });

  it('has 10 labs in development, reaching Enschede, Maastricht, Rotterdam and Tilburg', async () => {
    const developing = (await allLabs()).filter((lab) => lab.status === 'IN_DEVELOPMENT');
    expect(developing).toHaveLength(10);
    const cities = new Set(developing.map((lab) => lab.location.city));
    for (const city of ['Enschede', 'Maastricht', 'Rotterdam', 'Tilburg']) expect(cities).toContain(city);
  });

  it('joins every lab to a knowledge institution with at least one industrial, public or non-profit partner', async () => {
    for (const lab of await allLabs()) {
      const kinds = lab.partners.map((partner) => partner.organisation.kind);
      expect({ lab: lab.name, hasKnowledgeInstitution: kinds.includes('KNOWLEDGE_INSTITUTION') }).toEqual({
        lab: lab.name,
        hasKnowledgeInstitution: true,
      });
      expect({ lab: lab.name, hasExternalPartner: kinds.some((kind) => kind !== 'KNOWLEDGE_INSTITUTION') }).toEqual({
        lab: lab.name,
        hasExternalPartner: true,
      });
    }
  });

  it('marks every placeholder lab as such, in its name and its flag', async () => {
    const labs = await allLabs();
    for (const lab of labs)
      expect({ name: lab.name, placeholder: lab.placeholder }).toEqual({ name: lab.name, placeholder: lab.name.endsWith('(sample)') });
    expect(labs.filter((lab) => !lab.placeholder).map((lab) => lab.name)).toEqual(
      expect.arrayContaining(['QUVA Lab', 'AIRLab Amsterdam', 'Civic AI Lab', 'Brightlands Smart Health Lab']),
    );
  });

  it('shows at least 5 people in every active lab, in the exact figures and in the person-level records', async () => {
    const active = (await allLabs(tokenWith('talent:read'))).filter((lab) => lab.status === 'ACTIVE');
    for (const lab of active)
      expect({ lab: lab.name, atLeastFive: (lab.talentStats?.total ?? 0) >= 5 }).toEqual({ lab: lab.name, atLeastFive: true });

    const result = await graphql<{ labs: { edges: Array<{ node: { name: string; talent: { totalCount: number } } }> } }>(
      graph().gateway.url,
      '{ labs(first: 100, filter: { status: ACTIVE }) { edges { node { name talent(first: 0) { totalCount } } } } }',
      { token: talentReader },
    );
    expect(result.errors).toBeUndefined();
    for (const { node } of result.data!.labs.edges)
      expect({ lab: node.name, atLeastFive: node.talent.totalCount >= 5 }).toEqual({ lab: node.name, atLeastFive: true });
  });

  it('lists every city as a location with its expertise, hubs first, each spoke tied to a hub', async () => {
    const result = await graphql<{
      locations: Array<{
        city: string;
        role: string;
        expertise: string[];
        hub: { city: string; role: string } | null;
        spokes: Array<{ city: string }>;
      }>;
    }>(graph().gateway.url, '{ locations { city role expertise hub { city role } spokes { city } } }');
    expect(result.errors).toBeUndefined();
    const locations = result.data!.locations;
    expect(locations.map((location) => location.city).sort()).toEqual(
      [
        'Amsterdam',
        'Delft',
        'Den Bosch',
        'Eindhoven',
        'Enschede',
        'Maastricht',
        'Nijmegen',
        'Rotterdam',
        'Tilburg',
        'Utrecht',
        'Wageningen',
      ].sort(),
    );
    const roles = locations.map((location) => location.role);
    expect(roles.indexOf('SPOKE')).toBeGreaterThan(roles.lastIndexOf('HUB'));
    for (const location of locations) {
      expect(location.expertise.length).toBeGreaterThan(0);
      if (location.role === 'SPOKE') expect(location.hub?.role).toBe('HUB');
      else expect(location.hub).toBeNull();
    }
    const spokesOfHubs = locations.flatMap((location) => location.spokes.map((spoke) => spoke.city)).sort();
    expect(spokesOfHubs).toEqual(
      locations
        .filter((location) => location.role === 'SPOKE')
        .map((location) => location.city)
        .sort(),
    );
  });

  it('places every city on the map at its city centre, within the Netherlands, citing its GeoNames record', async () => {
    const result = await graphql<{
      locations: Array<{ city: string; coordinates: { latitude: number; longitude: number; source: string } | null }>;
    }>(graph().gateway.url, '{ locations { city coordinates { latitude longitude source } } }');
    expect(result.errors).toBeUndefined();
    for (const { city, coordinates } of result.data!.locations) {
      expect([city, coordinates?.source]).toEqual([city, expect.stringMatching(/^https:\/\/www\.geonames\.org\/\d+$/)]);
      // The European Netherlands lies within 50.7–53.6° N and 3.3–7.3° E.
      expect(coordinates!.latitude).toBeGreaterThan(50.7);
      expect(coordinates!.latitude).toBeLessThan(53.6);
      expect(coordinates!.longitude).toBeGreaterThan(3.3);
      expect(coordinates!.longitude).toBeLessThan(7.3);
    }
    const places = result.data!.locations.map(({ coordinates }) => `${coordinates!.latitude},${coordinates!.longitude}`);
    expect(new Set(places).size).toBe(places.length);
  });

  it('offers the National AI Course, two MOOCs and courses for several sectors', async () => {
    const result = await graphql<{ courses: Array<{ kind: string; sectors: string[]; provider: { name: string } | null }> }>(
      graph().gateway.url,
      '{ courses { kind sectors provider { name } } }',
    );
    expect(result.errors).toBeUndefined();
    const courses = result.data!.courses;
    expect(courses.filter((course) => course.kind === 'NATIONAL_COURSE')).toHaveLength(1);
    expect(courses.filter((course) => course.kind === 'MOOC')).toHaveLength(2);
    const sectors = new Set(
      courses.filter((course) => course.kind === 'COURSE' || course.kind === 'TRAINING').flatMap((course) => course.sectors),
    );
    expect(sectors.size).toBeGreaterThanOrEqual(4);
    for (const course of courses) expect(course.provider?.name).toEqual(expect.any(String));
  });

  it('lists vacancies at partner organisations', async () => {
    const result = await graphql<{
      vacancies: { totalCount: number; edges: Array<{ node: { organisation: { partnerships: unknown[] } | null } }> };
    }>(graph().gateway.url, '{ vacancies(first: 100) { totalCount edges { node { organisation { partnerships { role } } } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.vacancies.totalCount).toBeGreaterThan(0);
    for (const { node } of result.data!.vacancies.edges) expect(node.organisation?.partnerships.length).toBeGreaterThan(0);
  });
});

/**
 * Sample data: the ICAI network around February 2021.
 *
 * Sources (see ../shared/domain.md): icai.ai/locations/ and icai.ai/join-icai-2/
 * for the labs and their partners; nlaic.com news pages for the regional AI
 * hubs and their expertise; ror.org for organisation ids. No public list of
 * all 20 labs of February 2021 exists, so the remaining places are filled with
 * placeholder labs and partners, marked `placeholder` and named "(sample)".
 * Which city of a regional hub is its hub and which its spokes is this
 * sample's own modelling. City-centre coordinates are those of each city's
 * GeoNames record (geonames.org, CC BY 4.0), cited per location.
 */
import type { LabStatus, NetworkRole, OrganisationKind, PartnerRole } from '../entities';

export interface SampleLocation {
  id: string;
  city: string;
  role: NetworkRole;
  region: string;
  expertise: string[];
  hubId: string | null;
  /** City centre, WGS 84, from the GeoNames record named by coordinatesSource. */
  latitude: number;
  longitude: number;
  coordinatesSource: string;
}

export interface SampleOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  rorId: string | null;
  country: string;
  placeholder: boolean;
}

export interface SampleLab {
  id: string;
  name: string;
  status: LabStatus;
  locationId: string;
  themes: string[];
  startYear: number | null;
  placeholder: boolean;
  sourceUrl: string | null;
  knowledge: string[];
  external: string[];
}

const amsterdamExpertise = ['AI technology for people', 'health', 'business', 'citizens'];
const zuidHollandExpertise = ['security', 'port and maritime', 'energy', 'health'];
const brainportExpertise = ['high tech', 'mobility', 'medtech'];
const eastExpertise = ['health', 'smart industry', 'food', 'energy'];

/** A city centre as its GeoNames record gives it. */
const geoNames = (latitude: number, longitude: number, geoNameId: number) => ({
  latitude,
  longitude,
  coordinatesSource: `https://www.geonames.org/${geoNameId}`,
});

export const sampleLocations: SampleLocation[] = [
  {
    id: 'amsterdam',
    city: 'Amsterdam',
    role: 'HUB',
    region: 'AI hub Amsterdam',
    expertise: amsterdamExpertise,
    hubId: null,
    ...geoNames(52.37403, 4.88969, 2759794),
  },
  {
    id: 'delft',
    city: 'Delft',
    role: 'HUB',
    region: 'AI hub Zuid-Holland',
    expertise: zuidHollandExpertise,
    hubId: null,
    ...geoNames(52.00667, 4.35556, 2757345),
  },
  {
    id: 'eindhoven',
    city: 'Eindhoven',
    role: 'HUB',
    region: 'AI hub Brainport',
    expertise: brainportExpertise,
    hubId: null,
    ...geoNames(51.44083, 5.47778, 2756253),
  },
  {
    id: 'nijmegen',
    city: 'Nijmegen',
    role: 'HUB',
    region: 'AI hub East Netherlands',
    expertise: eastExpertise,
    hubId: null,
    ...geoNames(51.8425, 5.85278, 2750053),
  },
  {
    id: 'utrecht',
    city: 'Utrecht',
    role: 'HUB',
    region: 'AI hub Central Netherlands',
    expertise: ['human-centred AI'],
    hubId: null,
    ...geoNames(52.09083, 5.12222, 2745912),
  },
  {
    id: 'maastricht',
    city: 'Maastricht',
    role: 'HUB',
    region: 'Brightlands AI hub',
    expertise: ['data science', 'health'],
    hubId: null,
    ...geoNames(50.84833, 5.68889, 2751283),
  },
  {
    id: 'rotterdam',
    city: 'Rotterdam',
    role: 'SPOKE',
    region: 'AI hub Zuid-Holland',
    expertise: zuidHollandExpertise,
    hubId: 'delft',
    ...geoNames(51.9225, 4.47917, 2747891),
  },
  {
    id: 'den-bosch',
    city: 'Den Bosch',
    role: 'SPOKE',
    region: 'AI hub Brainport',
    expertise: brainportExpertise,
    hubId: 'eindhoven',
    ...geoNames(51.69917, 5.30417, 2747351),
  },
  {
    id: 'tilburg',
    city: 'Tilburg',
    role: 'SPOKE',
    region: 'AI hub Brainport',
    expertise: brainportExpertise,
    hubId: 'eindhoven',
    ...geoNames(51.55551, 5.0913, 2746301),
  },
  {
    id: 'wageningen',
    city: 'Wageningen',
    role: 'SPOKE',
    region: 'AI hub East Netherlands',
    expertise: eastExpertise,
    hubId: 'nijmegen',
    ...geoNames(51.97, 5.66667, 2745088),
  },
  {
    id: 'enschede',
    city: 'Enschede',
    role: 'SPOKE',
    region: 'AI hub East Netherlands',
    expertise: eastExpertise,
    hubId: 'nijmegen',
    ...geoNames(52.21833, 6.89583, 2756071),
  },
];

const knowledge = (id: string, name: string, rorId: string | null): SampleOrganisation => ({
  id,
  name,
  kind: 'KNOWLEDGE_INSTITUTION',
  rorId,
  country: 'NL',
  placeholder: false,
});
const organisation = (id: string, name: string, kind: OrganisationKind, country = 'NL'): SampleOrganisation => ({
  id,
  name,
  kind,
  rorId: null,
  country,
  placeholder: false,
});
const sample = (id: string, name: string, kind: OrganisationKind, country = 'NL'): SampleOrganisation => ({
  id,
  name: `${name} (sample)`,
  kind,
  rorId: null,
  country,
  placeholder: true,
});

export const sampleOrganisations: SampleOrganisation[] = [
  knowledge('uva', 'University of Amsterdam', '04dkp9463'),
  knowledge('vu', 'Vrije Universiteit Amsterdam', '008xxew50'),
  knowledge('tu-delft', 'Delft University of Technology', '02e2c7k09'),
  knowledge('tu-eindhoven', 'Eindhoven University of Technology', '02c2kyt77'),
  knowledge('utrecht-university', 'Utrecht University', '04pp8hn57'),
  knowledge('radboud-university', 'Radboud University', '016xsfp80'),
  knowledge('radboudumc', 'Radboud University Medical Center', '05wg1m734'),
  knowledge('wur', 'Wageningen University & Research', '04qw24q55'),
  knowledge('tilburg-university', 'Tilburg University', '04b8v1s79'),
  knowledge('maastricht-university', 'Maastricht University', '02jz4aj89'),
  knowledge('university-of-twente', 'University of Twente', '006hf6230'),
  knowledge('erasmus-university', 'Erasmus University Rotterdam', '057w15z03'),
  knowledge('jads', 'Jheronimus Academy of Data Science', null),
  knowledge('zuyd', 'Zuyd University of Applied Sciences', null),
  knowledge('icai', 'Innovation Center for Artificial Intelligence (ICAI)', null),
  organisation('ahold-delhaize', 'Ahold Delhaize', 'COMPANY'),
  organisation('qualcomm', 'Qualcomm', 'COMPANY', 'US'),
  organisation('bosch', 'Bosch', 'COMPANY', 'DE'),
  organisation('elsevier', 'Elsevier', 'COMPANY'),
  organisation('kpn', 'KPN', 'COMPANY'),
  organisation('ing', 'ING', 'COMPANY'),
  organisation('thirona', 'Thirona', 'COMPANY'),
  organisation('delft-imaging', 'Delft Imaging', 'COMPANY'),
  organisation('philips', 'Philips', 'COMPANY'),
  organisation('booking-com', 'Booking.com', 'COMPANY'),
  organisation('dutch-national-police', 'Dutch National Police', 'PUBLIC_ORGANISATION'),
  organisation('city-of-amsterdam', 'City of Amsterdam', 'PUBLIC_ORGANISATION'),
  organisation('ministry-bzk', 'Ministry of the Interior and Kingdom Relations (BZK)', 'PUBLIC_ORGANISATION'),
  organisation('nki', 'Netherlands Cancer Institute', 'NON_PROFIT'),
  organisation('catharina-hospital', 'Catharina Hospital', 'NON_PROFIT'),
  organisation('maxima-mc', 'Máxima MC', 'NON_PROFIT'),
  organisation('kempenhaeghe', 'Kempenhaeghe', 'NON_PROFIT'),
  organisation('brightlands', 'Brightlands', 'NON_PROFIT'),
  organisation('iknl', 'Netherlands Comprehensive Cancer Organisation (IKNL)', 'NON_PROFIT'),
  organisation('nl-aic', 'Netherlands AI Coalition (NL AIC)', 'NON_PROFIT'),
  sample('sample-agrifood-company', 'Agrifood company', 'COMPANY'),
  sample('sample-high-tech-company', 'High-tech company', 'COMPANY'),
  sample('sample-mobility-company', 'Mobility company', 'COMPANY'),
  sample('sample-energy-company', 'Energy company', 'COMPANY'),
  sample('sample-insurance-company', 'Insurance company', 'COMPANY'),
  sample('sample-manufacturing-company', 'Manufacturing company', 'COMPANY'),
  sample('sample-port-company', 'Port and logistics company', 'COMPANY'),
  sample('sample-municipality', 'Municipality', 'PUBLIC_ORGANISATION'),
  sample('sample-water-authority', 'Water authority', 'PUBLIC_ORGANISATION'),
  sample('sample-health-foundation', 'Health foundation', 'NON_PROFIT'),
  sample('sample-research-lab-abroad', 'Industrial research lab abroad', 'COMPANY', 'GB'),
  sample('sample-university-abroad', 'University abroad', 'KNOWLEDGE_INSTITUTION', 'CH'),
];

const icaiLocations = 'https://icai.ai/locations/';

const lab = (
  id: string,
  name: string,
  locationId: string,
  startYear: number | null,
  themes: string[],
  knowledgePartners: string[],
  externalPartners: string[],
  status: LabStatus = 'ACTIVE',
): SampleLab => ({
  id,
  name,
  status,
  locationId,
  themes,
  startYear,
  placeholder: false,
  sourceUrl: icaiLocations,
  knowledge: knowledgePartners,
  external: externalPartners,
});
const placeholderLab = (
  id: string,
  name: string,
  locationId: string,
  startYear: number | null,
  themes: string[],
  knowledgePartners: string[],
  externalPartners: string[],
  status: LabStatus = 'ACTIVE',
): SampleLab => ({
  ...lab(id, `${name} (sample)`, locationId, startYear, themes, knowledgePartners, externalPartners, status),
  placeholder: true,
  sourceUrl: null,
});

export const sampleLabs: SampleLab[] = [
  // Twenty active labs in the seven cities of February 2021.
  lab('quva-lab', 'QUVA Lab', 'amsterdam', 2015, ['deep vision'], ['uva'], ['qualcomm']),
  lab('delta-lab', 'Delta Lab', 'amsterdam', 2017, ['deep learning'], ['uva'], ['bosch']),
  lab('airlab-amsterdam', 'AIRLab Amsterdam', 'amsterdam', 2018, ['retail', 'recommendation'], ['uva'], ['ahold-delhaize']),
  lab('elsevier-ai-lab', 'Elsevier AI Lab', 'amsterdam', 2018, ['AI for research platforms'], ['uva', 'vu'], ['elsevier']),
  lab('airlab-delft', 'AIRLab Delft', 'delft', 2019, ['retail', 'robotics'], ['tu-delft'], ['ahold-delhaize']),
  lab(
    'national-police-lab-ai',
    'National Police Lab AI',
    'utrecht',
    2019,
    ['AI for safety'],
    ['utrecht-university', 'uva'],
    ['dutch-national-police'],
  ),
  // Start given as "around 2019" by the source.
  lab('thira-lab', 'Thira Lab', 'nijmegen', 2019, ['medical imaging'], ['radboudumc'], ['thirona', 'delft-imaging']),
  lab('kpn-responsible-ai-lab', 'KPN Responsible AI Lab', 'den-bosch', 2020, ['responsible AI', 'privacy'], ['jads'], ['kpn']),
  lab('ai-for-fintech-research', 'AI for FinTech Research', 'delft', 2020, ['AI for fintech'], ['tu-delft'], ['ing']),
  lab(
    'civic-ai-lab',
    'Civic AI Lab',
    'amsterdam',
    2020,
    ['fair AI', 'AI for citizens'],
    ['uva', 'vu'],
    ['city-of-amsterdam', 'ministry-bzk'],
  ),
  lab(
    'emtic-ai-lab',
    'e/MTIC AI-Lab',
    'eindhoven',
    2021,
    ['AI in healthcare'],
    ['tu-eindhoven'],
    ['catharina-hospital', 'maxima-mc', 'kempenhaeghe', 'philips'],
  ),
  lab(
    'mercury-machine-learning-lab',
    'Mercury Machine Learning Lab',
    'amsterdam',
    2021,
    ['recommendation', 'reinforcement learning'],
    ['uva', 'tu-delft'],
    ['booking-com'],
  ),
  lab('ai-for-oncology', 'AI for Oncology', 'amsterdam', 2021, ['cancer treatment', 'medical imaging'], ['uva'], ['nki']),
  placeholderLab(
    'wageningen-food-ai-lab',
    'Wageningen food AI lab',
    'wageningen',
    2020,
    ['food', 'agriculture'],
    ['wur'],
    ['sample-agrifood-company'],
  ),
  placeholderLab(
    'eindhoven-mobility-ai-lab',
    'Eindhoven mobility AI lab',
    'eindhoven',
    2019,
    ['mobility', 'high tech'],
    ['tu-eindhoven'],
    ['sample-mobility-company'],
  ),
  placeholderLab(
    'eindhoven-high-tech-ai-lab',
    'Eindhoven high-tech AI lab',
    'eindhoven',
    2020,
    ['high tech', 'smart industry'],
    ['tu-eindhoven'],
    ['sample-high-tech-company'],
  ),
  placeholderLab(
    'utrecht-human-centred-ai-lab',
    'Utrecht human-centred AI lab',
    'utrecht',
    2020,
    ['human-centred AI'],
    ['utrecht-university'],
    ['sample-municipality'],
  ),
  placeholderLab(
    'nijmegen-health-ai-lab',
    'Nijmegen health AI lab',
    'nijmegen',
    2020,
    ['health', 'medical imaging'],
    ['radboud-university'],
    ['sample-health-foundation'],
  ),
  placeholderLab('delft-energy-ai-lab', 'Delft energy AI lab', 'delft', 2019, ['energy'], ['tu-delft'], ['sample-energy-company']),
  placeholderLab(
    'den-bosch-insurance-ai-lab',
    'Den Bosch insurance AI lab',
    'den-bosch',
    2020,
    ['responsible AI', 'insurance'],
    ['jads'],
    ['sample-insurance-company'],
  ),
  // Ten labs in development: at the new locations and at existing ones.
  lab(
    'brightlands-smart-health-lab',
    'Brightlands Smart Health Lab',
    'maastricht',
    null,
    ['predictive care', 'health'],
    ['maastricht-university', 'zuyd'],
    ['brightlands', 'iknl'],
    'IN_DEVELOPMENT',
  ),
  placeholderLab(
    'enschede-smart-industry-ai-lab',
    'Enschede smart industry AI lab',
    'enschede',
    null,
    ['smart industry'],
    ['university-of-twente'],
    ['sample-manufacturing-company'],
    'IN_DEVELOPMENT',
  ),
  placeholderLab(
    'rotterdam-port-ai-lab',
    'Rotterdam port and maritime AI lab',
    'rotterdam',
    null,
    ['port and maritime', 'logistics'],
    ['erasmus-university'],
    ['sample-port-company'],
    'IN_DEVELOPMENT',
  ),
  placeholderLab(
    'tilburg-ai-lab',
    'Tilburg responsible data science lab',
    'tilburg',
    null,
    ['data science', 'responsible AI'],
    ['tilburg-university'],
    ['sample-municipality'],
    'IN_DEVELOPMENT',
  ),
  placeholderLab(
    'amsterdam-health-ai-lab',
    'Amsterdam health AI lab',
    'amsterdam',
    null,
    ['health'],
    ['vu'],
    ['sample-health-foundation'],
    'IN_DEVELOPMENT',
  ),
  placeholderLab(
    'delft-water-ai-lab',
    'Delft water AI lab',
    'delft',
    null,
    ['energy', 'water'],
    ['tu-delft'],
    ['sample-water-authority'],
    'IN_DEVELOPMENT',
  ),
  placeholderLab(
    'eindhoven-medtech-ai-lab',
    'Eindhoven medtech AI lab',
    'eindhoven',
    null,
    ['medtech'],
    ['tu-eindhoven'],
    ['philips'],
    'IN_DEVELOPMENT',
  ),
  placeholderLab(
    'utrecht-public-sector-ai-lab',
    'Utrecht public sector AI lab',
    'utrecht',
    null,
    ['human-centred AI', 'public sector'],
    ['utrecht-university'],
    ['sample-municipality'],
    'IN_DEVELOPMENT',
  ),
  placeholderLab(
    'nijmegen-energy-ai-lab',
    'Nijmegen energy AI lab',
    'nijmegen',
    null,
    ['energy', 'smart industry'],
    ['radboud-university'],
    ['sample-energy-company'],
    'IN_DEVELOPMENT',
  ),
  placeholderLab(
    'wageningen-agritech-ai-lab',
    'Wageningen agritech AI lab',
    'wageningen',
    null,
    ['agriculture', 'robotics'],
    ['wur'],
    ['sample-agrifood-company'],
    'IN_DEVELOPMENT',
  ),
];

/** The role of each organisation in a lab, for the partnership rows. */
export function samplePartnerships(): Array<{ labId: string; organisationId: string; role: PartnerRole; startYear: number | null }> {
  return sampleLabs.flatMap((sampleLab) => [
    ...sampleLab.knowledge.map((organisationId) => ({
      labId: sampleLab.id,
      organisationId,
      role: 'KNOWLEDGE_PARTNER' as const,
      startYear: sampleLab.startYear,
    })),
    ...sampleLab.external.map((organisationId) => ({
      labId: sampleLab.id,
      organisationId,
      role: 'EXTERNAL_PARTNER' as const,
      startYear: sampleLab.startYear,
    })),
  ]);
}

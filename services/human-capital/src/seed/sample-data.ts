/**
 * Sample Human Capital data: synthetic, pseudonymous people in the active labs
 * of the sample network, their placements, and courses and vacancies.
 *
 * Labs and organisations are referred to by the entity keys the Research &
 * Innovation subgraph's sample data uses; the integration tests check that
 * every reference resolves. Facts and sources: ../shared/domain.md. People
 * are generated: at least 5 PhD positions per active lab (ICAI's minimum),
 * 4-year positions with staggered starts; most graduates work outside
 * academia (Rathenau 2018: about 70%; ICAI 2018: up to 90%), most in the
 * Netherlands, some abroad.
 */
import { copyId } from '@nlai/database';
import type { CareerStage, CourseKind, TalentOrigin } from '../entities';
import { recordKeyRange } from '../services/cell-key';
import { seededRandom } from './random';

/** The year the sample describes: later years have no graduates yet. */
export const sampleReferenceYear = 2025;

/** The seed of the sample data unless SAMPLE_DATA_SEED says otherwise. */
export const defaultSampleSeed = 20210201;

/** Active labs of the sample network: start year and external partners. */
const activeLabs: Array<{ id: string; startYear: number; partners: string[] }> = [
  { id: 'quva-lab', startYear: 2015, partners: ['qualcomm'] },
  { id: 'delta-lab', startYear: 2017, partners: ['bosch'] },
  { id: 'airlab-amsterdam', startYear: 2018, partners: ['ahold-delhaize'] },
  { id: 'elsevier-ai-lab', startYear: 2018, partners: ['elsevier'] },
  { id: 'airlab-delft', startYear: 2019, partners: ['ahold-delhaize'] },
  { id: 'national-police-lab-ai', startYear: 2019, partners: ['dutch-national-police'] },
  { id: 'thira-lab', startYear: 2019, partners: ['thirona', 'delft-imaging'] },
  { id: 'kpn-responsible-ai-lab', startYear: 2020, partners: ['kpn'] },
  { id: 'ai-for-fintech-research', startYear: 2020, partners: ['ing'] },
  { id: 'civic-ai-lab', startYear: 2020, partners: ['city-of-amsterdam', 'ministry-bzk'] },
  { id: 'emtic-ai-lab', startYear: 2021, partners: ['catharina-hospital', 'maxima-mc', 'kempenhaeghe', 'philips'] },
  { id: 'mercury-machine-learning-lab', startYear: 2021, partners: ['booking-com'] },
  { id: 'ai-for-oncology', startYear: 2021, partners: ['nki'] },
  { id: 'wageningen-food-ai-lab', startYear: 2020, partners: ['sample-agrifood-company'] },
  { id: 'eindhoven-mobility-ai-lab', startYear: 2019, partners: ['sample-mobility-company'] },
  { id: 'eindhoven-high-tech-ai-lab', startYear: 2020, partners: ['sample-high-tech-company'] },
  { id: 'utrecht-human-centred-ai-lab', startYear: 2020, partners: ['sample-municipality'] },
  { id: 'nijmegen-health-ai-lab', startYear: 2020, partners: ['sample-health-foundation'] },
  { id: 'delft-energy-ai-lab', startYear: 2019, partners: ['sample-energy-company'] },
  { id: 'den-bosch-insurance-ai-lab', startYear: 2020, partners: ['sample-insurance-company'] },
];

interface Employer {
  sector: string;
  /** As the Research & Innovation sample data has it. */
  kind: 'KNOWLEDGE_INSTITUTION' | 'COMPANY' | 'PUBLIC_ORGANISATION' | 'NON_PROFIT';
  /** Where its jobs in the Netherlands, or its only jobs, are. */
  country: string;
}

const research = 'research and education';

/** Employers by organisation id: the sector of a job there and where it is. */
const employers: Record<string, Employer> = {
  uva: { sector: research, country: 'NL', kind: 'KNOWLEDGE_INSTITUTION' },
  vu: { sector: research, country: 'NL', kind: 'KNOWLEDGE_INSTITUTION' },
  'tu-delft': { sector: research, country: 'NL', kind: 'KNOWLEDGE_INSTITUTION' },
  'tu-eindhoven': { sector: research, country: 'NL', kind: 'KNOWLEDGE_INSTITUTION' },
  'utrecht-university': { sector: research, country: 'NL', kind: 'KNOWLEDGE_INSTITUTION' },
  'radboud-university': { sector: research, country: 'NL', kind: 'KNOWLEDGE_INSTITUTION' },
  radboudumc: { sector: 'health', country: 'NL', kind: 'KNOWLEDGE_INSTITUTION' },
  'sample-university-abroad': { sector: research, country: 'CH', kind: 'KNOWLEDGE_INSTITUTION' },
  'ahold-delhaize': { sector: 'retail', country: 'NL', kind: 'COMPANY' },
  qualcomm: { sector: 'technology', country: 'NL', kind: 'COMPANY' },
  bosch: { sector: 'manufacturing', country: 'NL', kind: 'COMPANY' },
  elsevier: { sector: 'publishing', country: 'NL', kind: 'COMPANY' },
  kpn: { sector: 'telecom', country: 'NL', kind: 'COMPANY' },
  ing: { sector: 'finance', country: 'NL', kind: 'COMPANY' },
  thirona: { sector: 'health', country: 'NL', kind: 'COMPANY' },
  'delft-imaging': { sector: 'health', country: 'NL', kind: 'COMPANY' },
  philips: { sector: 'health', country: 'NL', kind: 'COMPANY' },
  'booking-com': { sector: 'technology', country: 'NL', kind: 'COMPANY' },
  'dutch-national-police': { sector: 'public safety', country: 'NL', kind: 'PUBLIC_ORGANISATION' },
  'city-of-amsterdam': { sector: 'public sector', country: 'NL', kind: 'PUBLIC_ORGANISATION' },
  'ministry-bzk': { sector: 'public sector', country: 'NL', kind: 'PUBLIC_ORGANISATION' },
  nki: { sector: 'health', country: 'NL', kind: 'NON_PROFIT' },
  'catharina-hospital': { sector: 'health', country: 'NL', kind: 'NON_PROFIT' },
  'maxima-mc': { sector: 'health', country: 'NL', kind: 'NON_PROFIT' },
  kempenhaeghe: { sector: 'health', country: 'NL', kind: 'NON_PROFIT' },
  'sample-agrifood-company': { sector: 'food and agriculture', country: 'NL', kind: 'COMPANY' },
  'sample-mobility-company': { sector: 'mobility', country: 'NL', kind: 'COMPANY' },
  'sample-high-tech-company': { sector: 'technology', country: 'NL', kind: 'COMPANY' },
  'sample-municipality': { sector: 'public sector', country: 'NL', kind: 'PUBLIC_ORGANISATION' },
  'sample-health-foundation': { sector: 'health', country: 'NL', kind: 'NON_PROFIT' },
  'sample-energy-company': { sector: 'energy', country: 'NL', kind: 'COMPANY' },
  'sample-insurance-company': { sector: 'finance', country: 'NL', kind: 'COMPANY' },
  'sample-research-lab-abroad': { sector: 'technology', country: 'GB', kind: 'COMPANY' },
};

const academicEmployers = ['uva', 'vu', 'tu-delft', 'tu-eindhoven', 'utrecht-university', 'radboud-university', 'radboudumc'];
/** Employers that take graduates abroad, with the country of the job. */
const abroad: Array<[organisationId: string, country: string]> = [
  ['sample-research-lab-abroad', 'GB'],
  ['sample-university-abroad', 'CH'],
  ['qualcomm', 'US'],
  ['bosch', 'DE'],
  ['elsevier', 'GB'],
];
const otherEmployers = Object.keys(employers).filter(
  (id) => !academicEmployers.includes(id) && !abroad.some(([abroadId]) => abroadId === id),
);

export interface SampleTalent {
  id: string;
  labId: string;
  stage: CareerStage;
  origin: TalentOrigin;
  startYear: number;
  endYear: number | null;
  /** The person's record key for the cell key method; from its own stream of the seed, so the rest of the sample does not change. */
  recordKey: number;
}

export interface SamplePlacement {
  id: string;
  talentId: string;
  organisationId: string;
  organisationKind: string;
  country: string;
  sector: string;
  startYear: number;
  endYear: number | null;
}

/**
 * Generates the people and their placements; the same seed and scale always
 * give the same rows. `scale` copies of the network (for benchmarks): copy k's
 * people work in copy k's labs and organisations.
 */
export function sampleTalent(seed = defaultSampleSeed, scale = 1): { talents: SampleTalent[]; placements: SamplePlacement[] } {
  const random = seededRandom(seed);
  const talents: SampleTalent[] = [];
  const placements: SamplePlacement[] = [];
  let copy = 0;

  const place = (
    talentId: string,
    organisationId: string,
    startYear: number,
    endYear: number | null,
    country = employers[organisationId]!.country,
  ) => {
    const employer = employers[organisationId]!;
    placements.push({
      id: random.id('p'),
      talentId,
      organisationId: copyId(organisationId, copy),
      organisationKind: employer.kind,
      country,
      sector: employer.sector,
      startYear,
      endYear,
    });
  };

  for (copy = 0; copy < scale; copy += 1) generateCopy();
  const recordKeys = seededRandom(seed ^ 0x7265636b);
  for (const talent of talents) talent.recordKey = recordKeys.between(0, recordKeyRange - 1);
  return { talents, placements };

  function generateCopy(): void {
    for (const sampleLab of activeLabs) {
      const lab = { ...sampleLab, id: copyId(sampleLab.id, copy) };
      const people = random.between(5, 9);
      for (let index = 0; index < people; index += 1) {
        const startYear = Math.min(lab.startYear + (index % 4), sampleReferenceYear);
        const plannedEnd = startYear + (random.chance(0.3) ? 5 : 4);
        let stage: CareerStage = 'PHD_CANDIDATE';
        let endYear: number | null = null;
        if (plannedEnd <= sampleReferenceYear) {
          const outcome = random.next();
          if (outcome < 0.08) [stage, endYear] = ['LEFT', startYear + random.between(1, 2)];
          else if (outcome < 0.14) stage = 'POSTDOC';
          else [stage, endYear] = ['GRADUATED', plannedEnd];
        }
        const talent: SampleTalent = {
          id: random.id('t'),
          labId: lab.id,
          stage,
          origin: random.chance(0.45) ? 'INTERNATIONAL' : 'DOMESTIC',
          startYear,
          endYear,
          recordKey: 0,
        };
        talents.push(talent);

        if (stage === 'GRADUATED' && endYear !== null) {
          const route = random.next();
          if (route < 0.16) {
            // Abroad, and staying there within the sample's years.
            const [organisationId, country] = random.pick(abroad);
            place(talent.id, organisationId, endYear, null, country);
            continue;
          }
          const moves = endYear + 2 <= sampleReferenceYear && random.chance(0.3);
          const firstEnd = moves ? endYear + 2 : null;
          if (route < 0.46) place(talent.id, random.pick(lab.partners), endYear, firstEnd);
          else if (route < 0.64) place(talent.id, random.pick(academicEmployers), endYear, firstEnd);
          else place(talent.id, random.pick(otherEmployers), endYear, firstEnd);
          if (moves) place(talent.id, random.pick(otherEmployers), endYear + 2, null);
        } else if (stage === 'LEFT' && endYear !== null && random.chance(0.5)) {
          place(talent.id, random.pick(otherEmployers), endYear, null);
        }
      }
    }
  }
}

export interface SampleCourse {
  id: string;
  title: string;
  kind: CourseKind;
  providerId: string | null;
  sectors: string[];
  launchYear: number | null;
  placeholder: boolean;
}

const sectorCourse = (id: string, title: string, kind: CourseKind, sectors: string[]): SampleCourse => ({
  id,
  title: `${title} (sample)`,
  kind,
  providerId: 'nl-aic',
  sectors,
  launchYear: null,
  placeholder: true,
});

/** The National AI Course, TU Delft's two "AI in Practice" MOOCs, and sample courses per sector. */
export const sampleCourses: SampleCourse[] = [
  {
    id: 'nationale-ai-cursus',
    title: 'Nationale AI-cursus (National AI Course)',
    kind: 'NATIONAL_COURSE',
    providerId: 'icai',
    sectors: ['general public'],
    launchYear: 2019,
    placeholder: false,
  },
  {
    id: 'ai-in-practice-preparing-for-ai',
    title: 'AI in Practice: Preparing for AI',
    kind: 'MOOC',
    providerId: 'tu-delft',
    sectors: ['business', 'general public'],
    launchYear: 2020,
    placeholder: false,
  },
  {
    id: 'ai-in-practice-applying-ai',
    title: 'AI in Practice: Applying AI',
    kind: 'MOOC',
    providerId: 'tu-delft',
    sectors: ['business'],
    launchYear: 2020,
    placeholder: false,
  },
  sectorCourse('ai-for-healthcare-professionals', 'AI for healthcare professionals', 'COURSE', ['health']),
  sectorCourse('ai-in-agrifood', 'AI in agrifood', 'COURSE', ['food and agriculture']),
  sectorCourse('ai-for-public-administration', 'AI for public administration', 'TRAINING', ['public sector']),
  sectorCourse('responsible-ai-in-finance', 'Responsible AI in financial services', 'TRAINING', ['finance']),
  sectorCourse('ai-for-smart-industry', 'AI for smart industry', 'COURSE', ['manufacturing', 'technology']),
  sectorCourse('ai-for-the-energy-transition', 'AI for the energy transition', 'COURSE', ['energy']),
  sectorCourse('ai-in-medical-imaging', 'AI in medical imaging', 'TRAINING', ['health']),
];

export interface SampleVacancy {
  id: string;
  title: string;
  organisationId: string;
  themes: string[];
  postedYear: number;
  placeholder: boolean;
}

const vacancy = (id: string, organisationId: string, title: string, themes: string[], postedYear: number): SampleVacancy => ({
  id,
  title: `${title} (sample)`,
  organisationId,
  themes,
  postedYear,
  placeholder: true,
});

/** The sample vacancies, in `scale` copies (copy k at copy k's organisations). */
export function scaledVacancies(scale = 1): SampleVacancy[] {
  return Array.from({ length: scale }, (_, copy) =>
    sampleVacancies.map((vacancy) => ({ ...vacancy, id: copyId(vacancy.id, copy), organisationId: copyId(vacancy.organisationId, copy) })),
  ).flat();
}

/** Vacancies at partner organisations, by theme. Synthetic: no public source lists them. */
export const sampleVacancies: SampleVacancy[] = [
  vacancy(
    'v-booking-recommendation',
    'booking-com',
    'Machine learning scientist, recommendation',
    ['recommendation', 'reinforcement learning'],
    2024,
  ),
  vacancy('v-ahold-forecasting', 'ahold-delhaize', 'Data scientist, retail forecasting', ['retail', 'recommendation'], 2023),
  vacancy('v-philips-imaging', 'philips', 'AI engineer, medical imaging', ['medical imaging', 'AI in healthcare'], 2025),
  vacancy('v-ing-fraud', 'ing', 'Machine learning engineer, fraud detection', ['AI for fintech'], 2024),
  vacancy('v-kpn-responsible-ai', 'kpn', 'Responsible AI specialist', ['responsible AI', 'privacy'], 2023),
  vacancy('v-police-safety', 'dutch-national-police', 'AI researcher, public safety', ['AI for safety'], 2024),
  vacancy('v-elsevier-nlp', 'elsevier', 'Language model scientist', ['AI for research platforms'], 2025),
  vacancy('v-qualcomm-vision', 'qualcomm', 'Computer vision researcher', ['deep vision'], 2022),
  vacancy('v-bosch-deep-learning', 'bosch', 'Deep learning engineer', ['deep learning'], 2023),
  vacancy('v-thirona-imaging', 'thirona', 'Medical imaging AI developer', ['medical imaging'], 2025),
  vacancy('v-amsterdam-audit', 'city-of-amsterdam', 'Algorithm auditor', ['fair AI', 'AI for citizens'], 2024),
  vacancy('v-agrifood-precision', 'sample-agrifood-company', 'AI engineer, precision agriculture', ['food', 'agriculture'], 2025),
  vacancy('v-energy-grids', 'sample-energy-company', 'Data scientist, energy grids', ['energy'], 2024),
  vacancy('v-nki-radiotherapy', 'nki', 'AI researcher, radiotherapy', ['cancer treatment', 'medical imaging'], 2025),
];

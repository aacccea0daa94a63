import { hasScope, Scope, type AuthContext } from '@nlai/auth';
import { randomId } from '@nlai/database';
import { checkText, checkYear, currentUtcYear, earliestYear, type UserError } from '@nlai/errors';
import { isIsoCountryCode } from '@nlai/iso-countries';
import { MutationPipeline } from '@nlai/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { PlacementEntity } from '../entities';
import { repositories, type Repositories } from '../repositories';
import type { ResearchInnovationClient } from '../research-innovation-client';
import type { PlacementRecordInput, ResolversParentTypes } from '../generated/resolvers-types';

type PlacementRecordPayload = ResolversParentTypes['PlacementRecordPayload'];

/** Records where people went to work. */
export class PlacementService {
  private readonly mutations: MutationPipeline<Repositories>;

  constructor(
    dataSource: DataSource,
    private readonly researchInnovation: ResearchInnovationClient,
    private readonly currentYear: () => number = currentUtcYear,
  ) {
    this.mutations = new MutationPipeline(dataSource, repositories);
  }

  record(input: PlacementRecordInput, auth: AuthContext): Promise<PlacementRecordPayload> {
    return this.mutations.runWithRemoteChecks(
      { operation: 'placementRecord', input, auth },
      {
        refused: (userErrors: UserError[]): PlacementRecordPayload => ({ placement: null, userErrors }),
        check: async (errors) => {
          const country = input.country.trim().toUpperCase();
          if (!isIsoCountryCode(country)) {
            errors.add(['input', 'country'], 'INVALID', `"${input.country}" is not an ISO 3166-1 alpha-2 country code such as NL.`);
          }
          const sector =
            input.sector == null || input.sector.trim() === ''
              ? null
              : (checkText(errors, ['input', 'sector'], input.sector, 80, 'The sector') ?? null);
          const organisationId = input.organisationId.trim();
          let organisationKind: string | null = null;
          if (organisationId === '') {
            errors.add(['input', 'organisationId'], 'BLANK', 'The organisation id must not be empty.');
          } else {
            const { organisation } = await this.researchInnovation.lookup({ organisationId });
            if (!organisation)
              errors.add(['input', 'organisationId'], 'NOT_FOUND', `There is no organisation with id "${organisationId}".`);
            organisationKind = organisation?.kind ?? null;
          }
          const maxStart = this.currentYear() + 1;
          checkYear(errors, ['input', 'startYear'], input.startYear, { min: earliestYear, max: maxStart }, 'The start year');
          checkYear(errors, ['input', 'endYear'], input.endYear, { min: input.startYear, max: this.currentYear() }, 'The end year');
          // The person is checked in the transaction even after a mistake, so the caller sees every mistake at once.
          return {
            id: randomId('p'),
            talentId: input.talentId,
            organisationId,
            organisationKind,
            country,
            sector,
            startYear: input.startYear,
            endYear: input.endYear ?? null,
          } satisfies PlacementEntity;
        },
        validate: async ({ talents }, errors, placement) => {
          const [talent] = await talents.findByIds([placement.talentId]);
          if (!talent) errors.add(['input', 'talentId'], 'NOT_FOUND', `There is no person with id "${placement.talentId}".`);
          const mayRead = hasScope(auth, Scope.TalentRead);
          // Without talent:read the check against the person's start year runs
          // only for an input that is otherwise right: a refusal beside another
          // mistake would tell their start year without a write.
          if (talent && errors.isClean(['input', 'startYear']) && (mayRead || !errors.any) && placement.startYear < talent.startYear) {
            if (mayRead)
              errors.add(
                ['input', 'startYear'],
                'OUT_OF_RANGE',
                `The start year must not be before the person joined their lab in ${talent.startYear}; it was ${placement.startYear}.`,
              );
            else errors.add(['input', 'startYear'], 'OUT_OF_RANGE', 'The start year must not be before the person joined their lab.');
          }
        },
        write: async ({ placements }, placement) => {
          await placements.insert(placement);
          return { placement, userErrors: [] };
        },
      },
    );
  }
}

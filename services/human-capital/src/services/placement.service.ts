import { hasScope, Scope, type AuthContext } from '@nlai/auth';
import { randomId, replayOf, runMutation } from '@nlai/database';
import { checkText, checkYear, UserErrors, type UserError } from '@nlai/errors';
import { isIsoCountryCode } from '@nlai/iso-countries';
import type { DataSource } from 'typeorm';
import type { PlacementEntity } from '../entities';
import { repositories } from '../repositories';
import type { ResearchInnovationClient } from '../research-innovation-client';
import { earliestYear } from './career-rules';
import type { PlacementRecordInput } from '../generated/resolvers-types';

export interface PlacementPayload {
  placement: PlacementEntity | null;
  userErrors: UserError[];
}

const refusedKey = (userError: UserError): PlacementPayload => ({ placement: null, userErrors: [userError] });

/** Records where people went to work. */
export class PlacementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly researchInnovation: ResearchInnovationClient,
    private readonly currentYear: () => number = () => new Date().getUTCFullYear(),
  ) {}

  async record(input: PlacementRecordInput, auth: AuthContext): Promise<PlacementPayload> {
    const request = { key: input.idempotencyKey, caller: auth.subject, operation: 'placementRecord', input };
    const replay = await replayOf(this.dataSource, request, refusedKey);
    if (replay) return replay;
    const errors = new UserErrors();
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
      if (!organisation) errors.add(['input', 'organisationId'], 'NOT_FOUND', `There is no organisation with id "${organisationId}".`);
      organisationKind = organisation?.kind ?? null;
    }

    const maxStart = this.currentYear() + 1;
    checkYear(errors, ['input', 'startYear'], input.startYear, { min: earliestYear, max: maxStart }, 'The start year');
    checkYear(errors, ['input', 'endYear'], input.endYear, { min: input.startYear, max: this.currentYear() }, 'The end year');

    const checkedFirst = errors.list();
    return runMutation(
      this.dataSource,
      request,
      async (manager) => {
        const errors = new UserErrors(checkedFirst);
        const { talents, placements } = repositories(manager);
        const [talent] = await talents.findByIds([input.talentId]);
        if (!talent) errors.add(['input', 'talentId'], 'NOT_FOUND', `There is no person with id "${input.talentId}".`);
        const mayRead = hasScope(auth, Scope.TalentRead);
        // Without talent:read the check against the person's start year runs
        // only for an input that is otherwise right: a refusal beside another
        // mistake would tell their start year without a write.
        if (talent && errors.isClean(['input', 'startYear']) && (mayRead || !errors.any) && input.startYear < talent.startYear) {
          if (mayRead)
            errors.add(
              ['input', 'startYear'],
              'OUT_OF_RANGE',
              `The start year must not be before the person joined their lab in ${talent.startYear}; it was ${input.startYear}.`,
            );
          else errors.add(['input', 'startYear'], 'OUT_OF_RANGE', 'The start year must not be before the person joined their lab.');
        }
        if (errors.any) return { placement: null, userErrors: errors.list() };

        const placement: PlacementEntity = {
          id: randomId('p'),
          talentId: input.talentId,
          organisationId,
          organisationKind,
          country,
          sector,
          startYear: input.startYear,
          endYear: input.endYear ?? null,
        };
        await placements.insert(placement);
        return { placement, userErrors: [] };
      },
      refusedKey,
    );
  }
}

import { hasScope, Scope, type AuthContext } from '@nlai/auth';
import { randomId, replayOf, runMutation } from '@nlai/database';
import { checkText, checkYear, UserErrors, type UserError } from '@nlai/errors';
import { isIsoCountryCode } from '@nlai/iso-countries';
import type { DataSource } from 'typeorm';
import type { PlacementEntity } from '../entities';
import { repositories } from '../repositories';
import type { ResearchInnovationClient } from '../research-innovation-client';

export interface PlacementRecordInput {
  talentId: string;
  organisationId: string;
  country: string;
  startYear: number;
  endYear?: number | null;
  sector?: string | null;
  /** A retry with the same key returns the first result and writes nothing. */
  idempotencyKey?: string | null;
}

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
    const sector = input.sector == null || input.sector.trim() === '' ? null : (checkText(errors, ['input', 'sector'], input.sector, 80, 'The sector') ?? null);
    const organisationId = input.organisationId.trim();
    let organisationKind: string | null = null;
    if (organisationId === '') {
      errors.add(['input', 'organisationId'], 'BLANK', 'The organisation id must not be empty.');
    } else {
      const { organisation } = await this.researchInnovation.lookup({ organisationId });
      if (!organisation) errors.add(['input', 'organisationId'], 'NOT_FOUND', `There is no organisation with id "${organisationId}".`);
      organisationKind = organisation?.kind ?? null;
    }

    const checkedFirst = errors.list();
    return runMutation(this.dataSource, request, async (manager) => {
      const errors = new UserErrors(checkedFirst);
      const { talents, placements } = repositories(manager);
      const [talent] = await talents.findByIds([input.talentId]);
      if (!talent) errors.add(['input', 'talentId'], 'NOT_FOUND', `There is no person with id "${input.talentId}".`);
      const maxStart = this.currentYear() + 1;
      const startRange = { min: talent?.startYear ?? 2000, max: maxStart };
      if (!talent || hasScope(auth, Scope.TalentRead)) {
        checkYear(errors, ['input', 'startYear'], input.startYear, startRange, talent ? 'The start year (not before the person joined their lab)' : 'The start year');
      } else if (input.startYear < startRange.min || input.startYear > startRange.max) {
        // Without talent:read the rule, not the person's start year.
        errors.add(['input', 'startYear'], 'OUT_OF_RANGE', `The start year must not be before the person joined their lab, nor after ${maxStart}; it was ${input.startYear}.`);
      }
      checkYear(errors, ['input', 'endYear'], input.endYear, { min: input.startYear, max: this.currentYear() }, 'The end year');
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
    }, refusedKey);
  }
}

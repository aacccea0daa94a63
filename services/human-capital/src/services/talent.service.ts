import { hasScope, Scope, type AuthContext } from '@nlai/auth';
import { randomId, replayOf, runMutation } from '@nlai/database';
import { UserErrors, type UserError } from '@nlai/errors';
import type { DataSource } from 'typeorm';
import type { CareerStage, TalentEntity } from '../entities';
import { repositories } from '../repositories';
import type { ResearchInnovationClient } from '../research-innovation-client';
import { checkCareer, checkCareerChange, fitsCareer, type CareerChange } from './career-rules';
import type { TalentRegisterInput, TalentUpdateInput } from '../generated/resolvers-types';

export interface TalentPayload {
  talent: TalentEntity | null;
  userErrors: UserError[];
}

/** What an update wrote: the id and the fields its input sent, nothing read from the stored person. */
export interface TalentChange {
  id: string;
  stage: CareerStage | null;
  endYear: number | null;
}

export interface TalentUpdatePayload extends TalentPayload {
  change: TalentChange | null;
}

const refusedKey = (userError: UserError): TalentPayload => ({ talent: null, userErrors: [userError] });
const refusedUpdate = (userErrors: UserError[]): TalentUpdatePayload => ({ change: null, talent: null, userErrors });

/** Registers people in labs and records their progress. */
export class TalentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly researchInnovation: ResearchInnovationClient,
    private readonly currentYear: () => number = () => new Date().getUTCFullYear(),
  ) {}

  async register(input: TalentRegisterInput, auth: AuthContext): Promise<TalentPayload> {
    const request = { key: input.idempotencyKey, caller: auth.subject, operation: 'talentRegister', input };
    // A retry of a completed registration is answered before the network check, so it succeeds even while that fails.
    const replay = await replayOf(this.dataSource, request, refusedKey);
    if (replay) return replay;
    const errors = new UserErrors();
    const talent: TalentEntity = {
      id: randomId('t'),
      labId: input.labId.trim(),
      stage: input.stage,
      origin: input.origin,
      startYear: input.startYear,
      endYear: input.endYear ?? null,
    };
    // The person is the caller's own input: nothing to hide.
    checkCareer(errors, talent, this.currentYear());
    if (talent.labId === '') {
      errors.add(['input', 'labId'], 'BLANK', 'The lab id must not be empty.');
    } else {
      // Checked over the network before the transaction opens: no lock is held while waiting.
      const { lab } = await this.researchInnovation.lookup({ labId: talent.labId });
      if (!lab) errors.add(['input', 'labId'], 'NOT_FOUND', `There is no lab with id "${talent.labId}".`);
      else if (lab.startYear !== null && errors.isClean(['input', 'startYear']) && talent.startYear < lab.startYear) {
        errors.add(['input', 'startYear'], 'OUT_OF_RANGE', `The lab started in ${lab.startYear}; nobody joined it in ${talent.startYear}.`);
      }
    }
    if (errors.any) return { talent: null, userErrors: errors.list() };
    return runMutation(
      this.dataSource,
      request,
      async (manager) => {
        await repositories(manager).talents.insert(talent);
        return { talent, userErrors: [] };
      },
      refusedKey,
    );
  }

  /**
   * For a caller without talent:read, the checks against the stored person
   * run only once the input itself passed, and fail with one error whatever
   * the rule: a refusal tells them no more than "this does not fit", and
   * learning more takes writes that succeed.
   */
  update(input: TalentUpdateInput, auth: AuthContext): Promise<TalentUpdatePayload> {
    const request = { key: input.idempotencyKey, caller: auth.subject, operation: 'talentUpdate', input };
    return runMutation(
      this.dataSource,
      request,
      async (manager): Promise<TalentUpdatePayload> => {
        const { talents } = repositories(manager);
        const errors = new UserErrors();
        const changes: CareerChange = {};
        if (input.stage != null) changes.stage = input.stage;
        if (input.endYear !== undefined) changes.endYear = input.endYear;
        checkCareerChange(errors, changes, this.currentYear());
        const [current] = await talents.findByIds([input.id]);
        if (!current) errors.add(['input', 'id'], 'NOT_FOUND', `There is no person with id "${input.id}".`);
        if (errors.any || !current) return refusedUpdate(errors.list());

        const next = { ...current, ...changes };
        if (hasScope(auth, Scope.TalentRead)) checkCareer(errors, next, this.currentYear());
        else if (!fitsCareer(next, this.currentYear())) {
          errors.add(
            ['input', 'endYear'],
            'INVALID',
            'The change does not fit the person: only a person who graduated or left has an end year, and it is not before they joined the lab.',
          );
        }
        if (errors.any) return refusedUpdate(errors.list());
        await talents.update(current.id, changes);
        const change = { id: current.id, stage: changes.stage ?? null, endYear: changes.endYear ?? null };
        return { change, talent: next, userErrors: [] };
      },
      (userError) => refusedUpdate([userError]),
    );
  }
}

import { hasScope, Scope, type AuthContext } from '@nlai/auth';
import { randomId, replayOf, runMutation } from '@nlai/database';
import { UserErrors, type UserError } from '@nlai/errors';
import type { DataSource } from 'typeorm';
import type { CareerStage, TalentEntity, TalentOrigin } from '../entities';
import { repositories } from '../repositories';
import type { ResearchInnovationClient } from '../research-innovation-client';
import { checkCareer } from './career-rules';

export interface TalentRegisterInput {
  labId: string;
  stage: CareerStage;
  origin: TalentOrigin;
  startYear: number;
  endYear?: number | null;
  /** A retry with the same key returns the first result and writes nothing. */
  idempotencyKey?: string | null;
}

/** Only the fields present change; an explicit null clears the end year. */
export interface TalentUpdateInput {
  id: string;
  stage?: CareerStage | null;
  endYear?: number | null;
  idempotencyKey?: string | null;
}

export interface TalentPayload {
  talent: TalentEntity | null;
  userErrors: UserError[];
}

const refusedKey = (userError: UserError): TalentPayload => ({ talent: null, userErrors: [userError] });

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
    checkCareer(errors, talent, this.currentYear(), true);
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

  update(input: TalentUpdateInput, auth: AuthContext): Promise<TalentPayload> {
    return runMutation(this.dataSource, { key: input.idempotencyKey, caller: auth.subject, operation: 'talentUpdate', input }, async (manager) => {
      const { talents } = repositories(manager);
      const errors = new UserErrors();
      const [current] = await talents.findByIds([input.id]);
      if (!current) {
        errors.add(['input', 'id'], 'NOT_FOUND', `There is no person with id "${input.id}".`);
        return { talent: null, userErrors: errors.list() };
      }
      const changes: Partial<TalentEntity> = {};
      if (input.stage != null) changes.stage = input.stage;
      if (input.endYear !== undefined) changes.endYear = input.endYear;
      const next = { ...current, ...changes };
      checkCareer(errors, next, this.currentYear(), hasScope(auth, Scope.TalentRead));
      if (errors.any) return { talent: null, userErrors: errors.list() };
      await talents.update(current.id, changes);
      return { talent: next, userErrors: [] };
    }, refusedKey);
  }
}

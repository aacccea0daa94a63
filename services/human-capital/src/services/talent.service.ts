import { hasScope, Scope, type AuthContext } from '@nlai/auth';
import { randomId } from '@nlai/database';
import { currentUtcYear, type UserError } from '@nlai/errors';
import { MutationPipeline } from '@nlai/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { TalentEntity } from '../entities';
import { repositories, type Repositories } from '../repositories';
import type { ResearchInnovationClient } from '../research-innovation-client';
import { checkCareer, checkCareerChange, fitsCareer, type CareerChange } from './career-rules';
import type { ResolversParentTypes, TalentRegisterInput, TalentUpdateInput } from '../generated/resolvers-types';

type TalentRegisterPayload = ResolversParentTypes['TalentRegisterPayload'];
type TalentUpdatePayload = ResolversParentTypes['TalentUpdatePayload'];

/** Registers people in labs and records their progress. */
export class TalentService {
  private readonly mutations: MutationPipeline<Repositories>;

  constructor(
    dataSource: DataSource,
    private readonly researchInnovation: ResearchInnovationClient,
    private readonly currentYear: () => number = currentUtcYear,
  ) {
    this.mutations = new MutationPipeline(dataSource, repositories);
  }

  register(input: TalentRegisterInput, auth: AuthContext): Promise<TalentRegisterPayload> {
    return this.mutations.runWithRemoteChecks(
      { operation: 'talentRegister', input, auth },
      {
        refused: (userErrors: UserError[]): TalentRegisterPayload => ({ talent: null, userErrors }),
        check: async (errors) => {
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
            const { lab } = await this.researchInnovation.lookup({ labId: talent.labId });
            if (!lab) errors.add(['input', 'labId'], 'NOT_FOUND', `There is no lab with id "${talent.labId}".`);
            else if (lab.startYear !== null && errors.isClean(['input', 'startYear']) && talent.startYear < lab.startYear) {
              errors.add(
                ['input', 'startYear'],
                'OUT_OF_RANGE',
                `The lab started in ${lab.startYear}; nobody joined it in ${talent.startYear}.`,
              );
            }
          }
          // Nothing about a new person is stored here yet: the transaction would find no more mistakes.
          return errors.any ? undefined : talent;
        },
        write: async ({ talents }, talent) => {
          await talents.insert(talent);
          return { talent, userErrors: [] };
        },
      },
    );
  }

  /**
   * For a caller without talent:read, the checks against the stored person
   * run only once the input itself passed, and fail with one error whatever
   * the rule: a refusal tells them no more than "this does not fit", and
   * learning more takes writes that succeed.
   */
  update(input: TalentUpdateInput, auth: AuthContext): Promise<TalentUpdatePayload> {
    return this.mutations.run(
      { operation: 'talentUpdate', input, auth },
      {
        refused: (userErrors: UserError[]): TalentUpdatePayload => ({ change: null, talent: null, userErrors }),
        validate: async ({ talents }, errors) => {
          const changes: CareerChange = {};
          if (input.stage != null) changes.stage = input.stage;
          if (input.endYear !== undefined) changes.endYear = input.endYear;
          checkCareerChange(errors, changes, this.currentYear());
          const [current] = await talents.findByIds([input.id]);
          if (!current) errors.add(['input', 'id'], 'NOT_FOUND', `There is no person with id "${input.id}".`);
          if (errors.any || !current) return undefined;

          const next = { ...current, ...changes };
          if (hasScope(auth, Scope.TalentRead)) checkCareer(errors, next, this.currentYear());
          else if (!fitsCareer(next, this.currentYear())) {
            errors.add(
              ['input', 'endYear'],
              'INVALID',
              'The change does not fit the person: only a person who graduated or left has an end year, and it is not before they joined the lab.',
            );
          }
          return { next, changes };
        },
        write: async ({ talents }, { next, changes }) => {
          await talents.update(next.id, changes);
          // What the input sent, nothing read from the stored person: readable with the write scope alone.
          const change = { id: next.id, stage: changes.stage ?? null, endYear: changes.endYear ?? null };
          return { change, talent: next, userErrors: [] };
        },
      },
    );
  }
}

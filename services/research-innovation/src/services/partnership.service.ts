import type { AuthContext } from '@nlai/auth';
import { randomId } from '@nlai/database';
import { checkYear, currentUtcYear, earliestYear, type UserError } from '@nlai/errors';
import { MutationPipeline } from '@nlai/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { PartnershipEntity } from '../entities';
import { repositories, type Repositories } from '../repositories';
import type { PartnershipCreateInput, PartnershipEndInput, ResolversParentTypes } from '../generated/resolvers-types';

type PartnershipPayload = ResolversParentTypes['PartnershipCreatePayload'] & ResolversParentTypes['PartnershipEndPayload'];

const refused = (userErrors: UserError[]): PartnershipPayload => ({ partnership: null, userErrors });

/** Adds organisations to labs and ends their partnerships. */
export class PartnershipService {
  private readonly mutations: MutationPipeline<Repositories>;

  constructor(
    dataSource: DataSource,
    private readonly currentYear: () => number = currentUtcYear,
  ) {
    this.mutations = new MutationPipeline(dataSource, repositories);
  }

  create(input: PartnershipCreateInput, auth: AuthContext): Promise<PartnershipPayload> {
    return this.mutations.run(
      { operation: 'partnershipCreate', input, auth },
      {
        refused,
        validate: async (repos, errors) => {
          if (!(await repos.labs.idExists(input.labId)))
            errors.add(['input', 'labId'], 'NOT_FOUND', `There is no lab with id "${input.labId}".`);
          if (!(await repos.organisations.idExists(input.organisationId))) {
            errors.add(['input', 'organisationId'], 'NOT_FOUND', `There is no organisation with id "${input.organisationId}".`);
          }
          checkYear(errors, ['input', 'startYear'], input.startYear, { min: earliestYear, max: this.currentYear() + 5 }, 'The start year');
          if (!errors.any && (await repos.partnerships.findCurrent(input.labId, input.organisationId))) {
            errors.add(['input', 'organisationId'], 'TAKEN', 'This organisation is already a current partner of the lab.');
          }
          return {
            id: randomId('ps'),
            labId: input.labId,
            organisationId: input.organisationId,
            role: input.role,
            startYear: input.startYear ?? null,
            endYear: null,
          } satisfies PartnershipEntity;
        },
        write: async (repos, partnership) => {
          await repos.partnerships.insert([partnership]);
          return { partnership, userErrors: [] };
        },
      },
    );
  }

  end(input: PartnershipEndInput, auth: AuthContext): Promise<PartnershipPayload> {
    return this.mutations.run(
      { operation: 'partnershipEnd', input, auth },
      {
        refused,
        validate: async (repos, errors) => {
          const partnership = await repos.partnerships.findById(input.id);
          if (!partnership) {
            errors.add(['input', 'id'], 'NOT_FOUND', `There is no partnership with id "${input.id}".`);
            return undefined;
          }
          if (partnership.endYear !== null) {
            errors.add(['input', 'id'], 'INVALID', `This partnership already ended in ${partnership.endYear}.`);
          } else {
            const range = { min: partnership.startYear ?? earliestYear, max: this.currentYear() };
            checkYear(errors, ['input', 'endYear'], input.endYear, range, 'The end year');
          }
          return { ...partnership, endYear: input.endYear };
        },
        write: async (repos, partnership) => {
          await repos.partnerships.end(partnership.id, input.endYear);
          return { partnership, userErrors: [] };
        },
      },
    );
  }
}

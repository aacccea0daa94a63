import type { AuthContext } from '@nlai/auth';
import { randomId, runMutation } from '@nlai/database';
import { checkYear, UserErrors, type UserError } from '@nlai/errors';
import type { DataSource } from 'typeorm';
import type { PartnershipEntity } from '../entities';
import { repositories } from '../repositories';
import { earliestYear } from './lab-rules';
import type { PartnershipCreateInput, PartnershipEndInput } from '../generated/resolvers-types';

export interface PartnershipPayload {
  partnership: PartnershipEntity | null;
  userErrors: UserError[];
}

const refusedKey = (userError: UserError): PartnershipPayload => ({ partnership: null, userErrors: [userError] });

/** Adds organisations to labs and ends their partnerships. */
export class PartnershipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly currentYear: () => number = () => new Date().getUTCFullYear(),
  ) {}

  create(input: PartnershipCreateInput, auth: AuthContext): Promise<PartnershipPayload> {
    return runMutation<PartnershipPayload>(
      this.dataSource,
      { key: input.idempotencyKey, caller: auth.subject, operation: 'partnershipCreate', input },
      async (manager) => {
        const repos = repositories(manager);
        const errors = new UserErrors();
        if (!(await repos.labs.idExists(input.labId)))
          errors.add(['input', 'labId'], 'NOT_FOUND', `There is no lab with id "${input.labId}".`);
        if (!(await repos.organisations.idExists(input.organisationId))) {
          errors.add(['input', 'organisationId'], 'NOT_FOUND', `There is no organisation with id "${input.organisationId}".`);
        }
        checkYear(errors, ['input', 'startYear'], input.startYear, { min: earliestYear, max: this.currentYear() + 5 }, 'The start year');
        if (!errors.any && (await repos.partnerships.findCurrent(input.labId, input.organisationId))) {
          errors.add(['input', 'organisationId'], 'TAKEN', 'This organisation is already a current partner of the lab.');
        }
        if (errors.any) return { partnership: null, userErrors: errors.list() };

        const partnership: PartnershipEntity = {
          id: randomId('ps'),
          labId: input.labId,
          organisationId: input.organisationId,
          role: input.role,
          startYear: input.startYear ?? null,
          endYear: null,
        };
        await repos.partnerships.insert([partnership]);
        return { partnership, userErrors: [] };
      },
      refusedKey,
    );
  }

  end(input: PartnershipEndInput, auth: AuthContext): Promise<PartnershipPayload> {
    return runMutation<PartnershipPayload>(
      this.dataSource,
      { key: input.idempotencyKey, caller: auth.subject, operation: 'partnershipEnd', input },
      async (manager) => {
        const repos = repositories(manager);
        const errors = new UserErrors();
        const partnership = await repos.partnerships.findById(input.id);
        if (!partnership) {
          errors.add(['input', 'id'], 'NOT_FOUND', `There is no partnership with id "${input.id}".`);
        } else if (partnership.endYear !== null) {
          errors.add(['input', 'id'], 'INVALID', `This partnership already ended in ${partnership.endYear}.`);
        } else {
          checkYear(
            errors,
            ['input', 'endYear'],
            input.endYear,
            { min: partnership.startYear ?? earliestYear, max: this.currentYear() },
            'The end year',
          );
        }
        if (errors.any || !partnership) return { partnership: null, userErrors: errors.list() };
        await repos.partnerships.end(partnership.id, input.endYear);
        return { partnership: { ...partnership, endYear: input.endYear }, userErrors: [] };
      },
      refusedKey,
    );
  }
}

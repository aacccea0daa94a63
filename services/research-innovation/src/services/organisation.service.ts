import type { AuthContext } from '@nlai/auth';
import { isUniqueViolation, runMutation, slugify } from '@nlai/database';
import { checkText, UserErrors, type UserError } from '@nlai/errors';
import { isIsoCountryCode } from '@nlai/iso-countries';
import type { DataSource } from 'typeorm';
import type { OrganisationEntity } from '../entities';
import { repositories } from '../repositories';
import type { OrganisationCreateInput } from '../generated/resolvers-types';

export interface OrganisationPayload {
  organisation: OrganisationEntity | null;
  userErrors: UserError[];
}

/** A ROR id: "0", six characters of Crockford base32, two check digits. */
const rorIdPattern = /^0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}$/;

/** Registers organisations. */
export class OrganisationService {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: OrganisationCreateInput, auth: AuthContext): Promise<OrganisationPayload> {
    try {
      return await runMutation<OrganisationPayload>(
        this.dataSource,
        { key: input.idempotencyKey, caller: auth.subject, operation: 'organisationCreate', input },
        async (manager) => {
          const repos = repositories(manager);
          const errors = new UserErrors();
          const name = checkText(errors, ['input', 'name'], input.name, 200, 'The name');
          if (name && (await repos.organisations.findByName(name)))
            errors.add(['input', 'name'], 'TAKEN', `An organisation named "${name}" already exists.`);
          const rorId = input.rorId?.trim().toLowerCase() || null;
          if (rorId !== null && !rorIdPattern.test(rorId)) {
            errors.add(['input', 'rorId'], 'INVALID', `"${input.rorId}" is not a ROR id; expected 9 characters such as 04dkp9463.`);
          } else if (rorId !== null && (await repos.organisations.findByRorId(rorId))) {
            errors.add(['input', 'rorId'], 'TAKEN', `ROR id ${rorId} already belongs to another organisation.`);
          }
          const country = (input.country ?? 'NL').trim().toUpperCase();
          if (!isIsoCountryCode(country))
            errors.add(['input', 'country'], 'INVALID', `"${input.country}" is not an ISO 3166-1 alpha-2 country code such as NL.`);
          if (errors.any || !name) return { organisation: null, userErrors: errors.list() };

          let id = slugify(name);
          for (let suffix = 2; await repos.organisations.idExists(id); suffix += 1) id = `${slugify(name)}-${suffix}`;
          const created: OrganisationEntity = { id, name, kind: input.kind, rorId, country, placeholder: false };
          await repos.organisations.insert(created);
          return { organisation: created, userErrors: [] };
        },
        (userError) => ({ organisation: null, userErrors: [userError] }),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return {
        organisation: null,
        userErrors: [
          { field: ['input', 'name'], code: 'TAKEN', message: 'An organisation with this name or ROR id was created at the same time.' },
        ],
      };
    }
  }
}

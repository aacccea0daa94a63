import type { AuthContext } from '@nlai/auth';
import { slugify } from '@nlai/database';
import { checkText, type UserError } from '@nlai/errors';
import { isIsoCountryCode } from '@nlai/iso-countries';
import { MutationPipeline } from '@nlai/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { OrganisationEntity } from '../entities';
import { repositories, type Repositories } from '../repositories';
import type { OrganisationCreateInput, ResolversParentTypes } from '../generated/resolvers-types';

type OrganisationPayload = ResolversParentTypes['OrganisationCreatePayload'];

/** A ROR id: "0", six characters of Crockford base32, two check digits. */
const rorIdPattern = /^0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}$/;

/** Registers organisations. */
export class OrganisationService {
  private readonly mutations: MutationPipeline<Repositories>;

  constructor(dataSource: DataSource) {
    this.mutations = new MutationPipeline(dataSource, repositories);
  }

  create(input: OrganisationCreateInput, auth: AuthContext): Promise<OrganisationPayload> {
    return this.mutations.run(
      { operation: 'organisationCreate', input, auth },
      {
        refused: (userErrors: UserError[]): OrganisationPayload => ({ organisation: null, userErrors }),
        raceLost: {
          field: ['input', 'name'],
          code: 'TAKEN',
          message: 'An organisation with this name or ROR id was created at the same time.',
        },
        validate: async ({ organisations }, errors) => {
          const name = checkText(errors, ['input', 'name'], input.name, 200, 'The name');
          if (name && (await organisations.findByName(name)))
            errors.add(['input', 'name'], 'TAKEN', `An organisation named "${name}" already exists.`);
          const rorId = input.rorId?.trim().toLowerCase() || null;
          if (rorId !== null && !rorIdPattern.test(rorId)) {
            errors.add(['input', 'rorId'], 'INVALID', `"${input.rorId}" is not a ROR id; expected 9 characters such as 04dkp9463.`);
          } else if (rorId !== null && (await organisations.findByRorId(rorId))) {
            errors.add(['input', 'rorId'], 'TAKEN', `ROR id ${rorId} already belongs to another organisation.`);
          }
          const country = (input.country ?? 'NL').trim().toUpperCase();
          if (!isIsoCountryCode(country))
            errors.add(['input', 'country'], 'INVALID', `"${input.country}" is not an ISO 3166-1 alpha-2 country code such as NL.`);
          if (errors.any || !name) return undefined;
          let id = slugify(name);
          for (let suffix = 2; await organisations.idExists(id); suffix += 1) id = `${slugify(name)}-${suffix}`;
          return { id, name, kind: input.kind, rorId, country, placeholder: false } satisfies OrganisationEntity;
        },
        write: async ({ organisations }, organisation) => {
          await organisations.insert(organisation);
          return { organisation, userErrors: [] };
        },
      },
    );
  }
}

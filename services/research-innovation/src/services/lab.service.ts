import type { AuthContext } from '@nlai/auth';
import { randomId, slugify } from '@nlai/database';
import { checkLabels, checkText, currentUtcYear, type UserError, type UserErrors } from '@nlai/errors';
import { MutationPipeline } from '@nlai/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { LabEntity, PartnershipEntity } from '../entities';
import { repositories, type Repositories } from '../repositories';
import { checkLabYears } from './lab-rules';
import type { LabCreateInput, LabPartnerInput, LabUpdateInput, ResolversParentTypes } from '../generated/resolvers-types';

type LabPayload = ResolversParentTypes['LabCreatePayload'] & ResolversParentTypes['LabUpdatePayload'];

const themeLimits = { maxLength: 80, maxCount: 20, minCount: 1 };

const labPayload = {
  refused: (userErrors: UserError[]): LabPayload => ({ lab: null, userErrors }),
  raceLost: { field: ['input', 'name'], code: 'TAKEN', message: 'A lab with this name was created at the same time.' } satisfies UserError,
};

/** Creates and changes labs: the rules of a lab; the mutation pipeline validates and writes. */
export class LabService {
  private readonly mutations: MutationPipeline<Repositories>;

  constructor(
    dataSource: DataSource,
    private readonly currentYear: () => number = currentUtcYear,
  ) {
    this.mutations = new MutationPipeline(dataSource, repositories);
  }

  create(input: LabCreateInput, auth: AuthContext): Promise<LabPayload> {
    return this.mutations.run(
      { operation: 'labCreate', input, auth },
      {
        ...labPayload,
        validate: async (repos, errors) => {
          const name = checkText(errors, ['input', 'name'], input.name, 200, 'The name');
          if (name && (await repos.labs.findByName(name))) errors.add(['input', 'name'], 'TAKEN', `A lab named "${name}" already exists.`);
          const location = await this.findLocation(repos, errors, input.city);
          const themes = checkLabels(errors, ['input', 'themes'], input.themes, themeLimits, 'themes');
          const startYear = input.startYear ?? null;
          const endYear = input.endYear ?? null;
          checkLabYears(errors, { status: input.status, startYear, endYear }, this.currentYear());
          const partners = await this.checkPartners(repos, errors, input.partners ?? []);
          if (errors.any || !name || !location) return undefined;
          const lab = {
            id: await this.freeId(repos, name),
            name,
            status: input.status,
            locationId: location.id,
            startYear,
            endYear,
            placeholder: false,
            sourceUrl: null,
          } satisfies LabEntity;
          return { lab, themes, partners };
        },
        write: async (repos, { lab, themes, partners }) => {
          await repos.labs.insertWithThemes(lab, themes);
          await repos.partnerships.insert(
            partners.map(
              (partner) =>
                ({ id: randomId('ps'), labId: lab.id, ...partner, startYear: lab.startYear, endYear: null }) satisfies PartnershipEntity,
            ),
          );
          return { lab, userErrors: [] };
        },
      },
    );
  }

  update(input: LabUpdateInput, auth: AuthContext): Promise<LabPayload> {
    return this.mutations.run(
      { operation: 'labUpdate', input, auth },
      {
        ...labPayload,
        validate: async (repos, errors) => {
          const [current] = await repos.labs.findByIds([input.id]);
          if (!current) {
            errors.add(['input', 'id'], 'NOT_FOUND', `There is no lab with id "${input.id}".`);
            return undefined;
          }
          const changes: Partial<LabEntity> = {};
          if (input.name != null) {
            const name = checkText(errors, ['input', 'name'], input.name, 200, 'The name');
            const holder = name ? await repos.labs.findByName(name) : null;
            if (holder && holder.id !== current.id) errors.add(['input', 'name'], 'TAKEN', `A lab named "${name}" already exists.`);
            if (name) changes.name = name;
          }
          if (input.city != null) {
            const location = await this.findLocation(repos, errors, input.city);
            if (location) changes.locationId = location.id;
          }
          if (input.status != null) changes.status = input.status;
          if (input.startYear !== undefined) changes.startYear = input.startYear;
          if (input.endYear !== undefined) changes.endYear = input.endYear;
          const themes = input.themes != null ? checkLabels(errors, ['input', 'themes'], input.themes, themeLimits, 'themes') : null;
          const next = { ...current, ...changes };
          checkLabYears(errors, next, this.currentYear());
          return { next, changes, themes };
        },
        write: async (repos, { next, changes, themes }) => {
          await repos.labs.update(next.id, changes);
          if (themes) await repos.labs.replaceThemes(next.id, themes);
          return { lab: next, userErrors: [] };
        },
      },
    );
  }

  private async findLocation(repos: Repositories, errors: UserErrors, city: string) {
    const cityName = checkText(errors, ['input', 'city'], city, 100, 'The city');
    if (!cityName) return null;
    const location = await repos.locations.findByCity(cityName);
    if (!location) {
      const known = (await repos.locations.findAll()).map((candidate) => candidate.city).sort();
      errors.add(['input', 'city'], 'NOT_FOUND', `"${cityName}" is not a location of the network; known cities: ${known.join(', ')}.`);
    }
    return location;
  }

  private async checkPartners(repos: Repositories, errors: UserErrors, partners: LabPartnerInput[]): Promise<LabPartnerInput[]> {
    if (partners.length === 0) return [];
    const found = new Set(
      (await repos.organisations.findByIds(partners.map((partner) => partner.organisationId))).map((organisation) => organisation.id),
    );
    const seen = new Set<string>();
    partners.forEach((partner, index) => {
      const field = ['input', 'partners', String(index), 'organisationId'];
      if (!found.has(partner.organisationId))
        errors.add(field, 'NOT_FOUND', `There is no organisation with id "${partner.organisationId}".`);
      else if (seen.has(partner.organisationId)) errors.add(field, 'INVALID', `Organisation "${partner.organisationId}" is listed twice.`);
      seen.add(partner.organisationId);
    });
    return partners;
  }

  /** The lab's slug, or the slug with the first free number after it. */
  private async freeId(repos: Repositories, name: string): Promise<string> {
    const base = slugify(name);
    for (let suffix = 1; ; suffix += 1) {
      const id = suffix === 1 ? base : `${base}-${suffix}`;
      if (!(await repos.labs.idExists(id))) return id;
    }
  }
}

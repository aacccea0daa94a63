import { createHash } from 'node:crypto';
import { copyId, insertInChunks } from '@nlai/database';
import type { DataSource } from 'typeorm';
import { LabEntity, labThemes, LocationEntity, OrganisationEntity, PartnershipEntity } from '../entities';
import { sampleLabs, sampleLocations, sampleOrganisations, samplePartnerships } from './sample-data';

/** `lab--organisation` for the sample itself; a copy's would outgrow the 64-character id, so it gets a short one, as deterministic. */
const partnershipId = (labId: string, organisationId: string, copy: number) =>
  copy === 0
    ? `${labId}--${organisationId}`
    : `ps-copy-${copy}-${createHash('sha256').update(`${labId}--${organisationId}`).digest('hex').slice(0, 16)}`;
const copyName = (name: string, copy: number) => (copy === 0 ? name : `${name} (copy ${copy})`);

/**
 * Seeds the sample network into an empty database, in one transaction;
 * `scale` copies of its labs, organisations and partnerships (for
 * benchmarks; the cities stay eleven). Returns false, touching nothing,
 * when the database already holds locations.
 */
export async function seedSampleData(dataSource: DataSource, scale = 1): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    if ((await manager.count(LocationEntity)) > 0) return false;
    // Hubs before spokes: a spoke refers to its hub.
    const byRole = [...sampleLocations].sort((a, b) => Number(a.hubId !== null) - Number(b.hubId !== null));
    await manager.insert(LocationEntity, byRole);
    const copies = Array.from({ length: scale }, (_, copy) => copy);
    await insertInChunks(
      (rows) => manager.insert(OrganisationEntity, rows),
      copies.flatMap((copy) =>
        sampleOrganisations.map((organisation) => ({
          ...organisation,
          id: copyId(organisation.id, copy),
          name: copyName(organisation.name, copy),
          rorId: copy === 0 ? organisation.rorId : null,
          placeholder: organisation.placeholder || copy > 0,
        })),
      ),
    );
    await insertInChunks(
      (rows) => manager.insert(LabEntity, rows),
      copies.flatMap((copy) =>
        sampleLabs.map(({ knowledge: _knowledge, external: _external, themes: _themes, ...row }) => ({
          ...row,
          id: copyId(row.id, copy),
          name: copyName(row.name, copy),
          placeholder: row.placeholder || copy > 0,
          endYear: null,
        })),
      ),
    );
    await insertInChunks(
      (rows) => manager.insert(labThemes.entity, rows),
      copies.flatMap((copy) =>
        sampleLabs.flatMap((lab) => lab.themes.map((theme, position) => ({ labId: copyId(lab.id, copy), theme, position }))),
      ),
    );
    await insertInChunks(
      (rows) => manager.insert(PartnershipEntity, rows),
      copies.flatMap((copy) =>
        samplePartnerships().map((partnership) => {
          const labId = copyId(partnership.labId, copy);
          const organisationId = copyId(partnership.organisationId, copy);
          return { ...partnership, labId, organisationId, id: partnershipId(labId, organisationId, copy), endYear: null };
        }),
      ),
    );
    return true;
  });
}

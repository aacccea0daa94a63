import type { DataSource } from 'typeorm';
import { LabEntity, LabThemeEntity, LocationEntity, OrganisationEntity, PartnershipEntity } from '../entities';
import { sampleLabs, sampleLocations, sampleOrganisations, samplePartnerships } from './sample-data';

/**
 * Seeds the sample network into an empty database, in one transaction.
 * Returns false, touching nothing, when the database already holds locations.
 */
export async function seedSampleData(dataSource: DataSource): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    if ((await manager.count(LocationEntity)) > 0) return false;
    // Hubs before spokes: a spoke refers to its hub.
    const byRole = [...sampleLocations].sort((a, b) => Number(a.hubId !== null) - Number(b.hubId !== null));
    await manager.insert(LocationEntity, byRole);
    await manager.insert(OrganisationEntity, sampleOrganisations);
    await manager.insert(
      LabEntity,
      sampleLabs.map(({ knowledge: _knowledge, external: _external, themes: _themes, ...row }) => ({ ...row, endYear: null })),
    );
    await manager.insert(
      LabThemeEntity,
      sampleLabs.flatMap((lab) => lab.themes.map((theme, position) => ({ labId: lab.id, theme, position }))),
    );
    await manager.insert(
      PartnershipEntity,
      samplePartnerships().map((partnership) => ({ ...partnership, id: `${partnership.labId}--${partnership.organisationId}`, endYear: null })),
    );
    return true;
  });
}

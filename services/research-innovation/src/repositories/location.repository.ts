import { EntityRepository } from '@nlai/database';
import { LocationEntity } from '../entities';

/** Location reads; the network's cities change only through migrations and seeds. */
export class LocationRepository extends EntityRepository.of(LocationEntity, 'location') {
  /** Every location, hubs first, then by city. */
  findAll(): Promise<LocationEntity[]> {
    return this.table.find({ order: { role: 'ASC', city: 'ASC' } });
  }

  /** The location of a city, in any letter case. */
  findByCity(city: string): Promise<LocationEntity | null> {
    return this.query().where('LOWER(location.city) = :city', { city: city.trim().toLowerCase() }).getOne();
  }

  /** The spokes of each hub id. */
  findByHubIds(hubIds: readonly string[]): Promise<LocationEntity[]> {
    return this.findWhereIn('hubId', hubIds, { city: 'ASC' });
  }
}

import { In, type EntityManager } from 'typeorm';
import { LocationEntity } from '../entities';

/** Location reads; the network's cities change only through migrations and seeds. */
export class LocationRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Every location, hubs first, then by city. */
  findAll(): Promise<LocationEntity[]> {
    return this.manager.getRepository(LocationEntity).find({ order: { role: 'ASC', city: 'ASC' } });
  }

  findByIds(ids: readonly string[]): Promise<LocationEntity[]> {
    return this.manager.getRepository(LocationEntity).findBy({ id: In([...ids]) });
  }

  /** The location of a city, in any letter case. */
  findByCity(city: string): Promise<LocationEntity | null> {
    return this.manager
      .getRepository(LocationEntity)
      .createQueryBuilder('location')
      .where('LOWER(location.city) = :city', { city: city.trim().toLowerCase() })
      .getOne();
  }

  /** The spokes of each hub id. */
  findByHubIds(hubIds: readonly string[]): Promise<LocationEntity[]> {
    return this.manager.getRepository(LocationEntity).find({ where: { hubId: In([...hubIds]) }, order: { city: 'ASC' } });
  }
}

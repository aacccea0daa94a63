import type { Context } from '../context';
import type { PlacementRecordInput } from '../services/placement.service';
import type { TalentRegisterInput, TalentUpdateInput } from '../services/talent.service';

type Input<T> = { input: T };

export const Mutation = {
  talentRegister: (_: unknown, { input }: Input<TalentRegisterInput>, { services, auth }: Context) => services.talents.register(input, auth),
  talentUpdate: (_: unknown, { input }: Input<TalentUpdateInput>, { services, auth }: Context) => services.talents.update(input, auth),
  placementRecord: (_: unknown, { input }: Input<PlacementRecordInput>, { services, auth }: Context) => services.placements.record(input, auth),
};

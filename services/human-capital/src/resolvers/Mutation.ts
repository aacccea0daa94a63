import type { Context } from '../context';
import type { PlacementRecordInput } from '../services/placement.service';
import type { TalentRegisterInput, TalentUpdateInput } from '../services/talent.service';

type Input<T> = { input: T };

export const Mutation = {
  talentRegister: (_: unknown, { input }: Input<TalentRegisterInput>, { services }: Context) => services.talents.register(input),
  talentUpdate: (_: unknown, { input }: Input<TalentUpdateInput>, { services }: Context) => services.talents.update(input),
  placementRecord: (_: unknown, { input }: Input<PlacementRecordInput>, { services }: Context) => services.placements.record(input),
};

import type { Resolvers } from '../generated/resolvers-types';
import { Lab } from './Lab';
import { Location } from './Location';
import { Mutation } from './Mutation';
import { Organisation } from './Organisation';
import { Partnership } from './Partnership';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Mutation, Lab, Location, Organisation, Partnership };

import type { Resolvers } from '../generated/resolvers-types';
import { Course } from './Course';
import { Lab } from './Lab';
import { Location } from './Location';
import { Mutation } from './Mutation';
import { Organisation } from './Organisation';
import { Placement } from './Placement';
import { Query } from './Query';
import { Talent } from './Talent';
import { Vacancy } from './Vacancy';

export const resolvers: Resolvers = { Query, Mutation, Lab, Location, Organisation, Talent, Placement, Course, Vacancy };

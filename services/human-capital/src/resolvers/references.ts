import type { FederationTypes, GraphQLRecursivePick } from '../generated/resolvers-types';

// Lab, Location and Organisation live in Research & Innovation. What the
// gateway hands this subgraph is their key, plus the fields a field here
// @requires: present only when such a field was asked for.

/** A lab: its id; its themes (for matchingVacancies) and partners' ids (for partnerHires) when required. */
export type LabReference = GraphQLRecursivePick<FederationTypes['Lab'], { id: true }> &
  Partial<GraphQLRecursivePick<FederationTypes['Lab'], { themes: true; partners: { organisation: { id: true } } }>>;

/** A city: its id; the ids of its labs when talentStats requires them. */
export type LocationReference = GraphQLRecursivePick<FederationTypes['Location'], { id: true }> &
  Partial<GraphQLRecursivePick<FederationTypes['Location'], { labs: { id: true } }>>;

/** An organisation: its id. */
export type OrganisationReference = GraphQLRecursivePick<FederationTypes['Organisation'], { id: true }>;

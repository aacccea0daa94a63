export { composeSupergraph, composeSupergraphFromConfig, CompositionError, formatHints } from './compose-supergraph';
export type { ComposedSupergraph, CompositionHint, SubgraphDefinition } from './compose-supergraph';
export { loadSubgraphs, parseSupergraphConfig } from './supergraph-config';
export type { SubgraphSource } from './supergraph-config';
export { describeStaleSupergraph, renderSupergraphFile, supergraphFileHeader } from './supergraph-file';
export { apiSchemaFromSupergraph, checkContractCompatibility, contractViolationCatalogue } from './contract-compatibility';
export type { ContractViolation, ContractViolationCode } from './contract-compatibility';
export { coreContractPath, schemaWorkspaceDir, supergraphConfigPath, supergraphPath } from './paths';
export { buildManifest, persistedId, renderManifest } from './persisted-operations';
export type { PersistedOperation, PersistedOperationsManifest } from './persisted-operations';
export {
  describeStaleResolverTypes,
  generateAllResolverTypes,
  generateResolverTypes,
  readResolverTypesSettings,
  resolverTypesPaths,
} from './resolver-types';
export type { GeneratedResolverTypes, ResolverTypesSettings } from './resolver-types';
export { formatRefusal, publishSupergraph, publishTarget, schemaCoordinates, servedSdl, subgraphUrl } from './publish-supergraph';
export type { PublishOptions, PublishResult, SubgraphGap } from './publish-supergraph';

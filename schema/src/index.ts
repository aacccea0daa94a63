export { composeSupergraph, composeSupergraphFromConfig, CompositionError, formatHints } from './compose-supergraph';
export type { ComposedSupergraph, CompositionHint, SubgraphDefinition } from './compose-supergraph';
export { loadSubgraphs, parseSupergraphConfig } from './supergraph-config';
export type { SubgraphSource } from './supergraph-config';
export { describeStaleSupergraph, renderSupergraphFile, supergraphFileHeader } from './supergraph-file';
export { apiSchemaFromSupergraph, checkContractCompatibility, contractViolationCatalogue } from './contract-compatibility';
export type { ContractViolation, ContractViolationCode } from './contract-compatibility';
export { coreContractPath, schemaWorkspaceDir, supergraphConfigPath, supergraphPath } from './paths';

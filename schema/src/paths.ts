import path from 'node:path';

// Resolved from this module, so they hold in src/ (tests) and dist/ (the CLI) alike.
/** The schema workspace, `schema/`. */
export const schemaWorkspaceDir = path.resolve(__dirname, '..');
/** The composition config listing the subgraphs. */
export const supergraphConfigPath = path.join(schemaWorkspaceDir, 'supergraph.yaml');
/** The committed, composed supergraph the gateway serves. */
export const supergraphPath = path.join(schemaWorkspaceDir, 'supergraph.graphql');
/** The core public contract the supergraph's API schema must stay compatible with. */
export const coreContractPath = path.join(schemaWorkspaceDir, 'contract', 'core.graphql');

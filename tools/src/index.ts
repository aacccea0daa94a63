export { scaffoldSubgraph } from './scaffold-subgraph';
export type { ScaffoldOptions, ScaffoldResult } from './scaffold-subgraph';
export { subgraphNames } from './names';
export type { SubgraphNames } from './names';

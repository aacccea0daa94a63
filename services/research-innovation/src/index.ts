import { runSubgraph } from '@nlai/subgraph-kit';
import { researchInnovation } from './subgraph';

runSubgraph(researchInnovation);

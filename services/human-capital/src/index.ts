import { runSubgraph } from '@nlai/subgraph-kit';
import { humanCapital } from './subgraph';

runSubgraph(humanCapital);

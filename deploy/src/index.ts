// The cluster's parts, for npm run cluster and its test.
export { startCluster, HaproxyMissing } from './cluster';
export type { Cluster, ClusterOptions, SubgraphTier } from './cluster';
export { haproxyConfig, backendName } from './haproxy-config';
export { Haproxy, haproxyBinary, installHaproxy } from './haproxy';
export type { ServerStatus } from './haproxy';
export { ReplicatedDatabase } from './replica-database';
export { ReplicaProcess } from './replica-process';

// npm run test:cluster: HAProxy, two replicas of every tier, a MariaDB read replica and Redis, under a bounded load.
module.exports = { preset: '@nlai/jest-preset', roots: ['<rootDir>/test/cluster'], testTimeout: 300_000, maxWorkers: 1 };

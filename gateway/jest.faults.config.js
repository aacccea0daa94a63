// Process-level fault tests (`npm run test:faults`): subgraphs killed, slowed
// and restarted, a database restarted under load. Slower than `npm test`.
module.exports = { preset: '@nlai/jest-preset', roots: ['<rootDir>/faults'], testTimeout: 120_000, maxWorkers: 1 };

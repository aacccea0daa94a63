// The privacy attacks of issue 11 (`npm run test:privacy`): each writes to a running graph and reads its public figures.
module.exports = { preset: '@nlai/jest-preset', roots: ['<rootDir>/privacy'], testTimeout: 120_000, maxWorkers: 1 };

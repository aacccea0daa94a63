// The scaffolding test builds and tests a whole new subgraph in a copy of the repository.
module.exports = { preset: '@nlai/jest-preset', testTimeout: 300_000 };

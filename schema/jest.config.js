module.exports = {
  preset: '@nlai/jest-preset',
  // See test/support/auto-bind.ts: Jest cannot load the ES module graphql-codegen requires on Node 20.
  moduleNameMapper: { '^auto-bind$': '<rootDir>/test/support/auto-bind.ts' },
};

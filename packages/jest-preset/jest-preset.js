// Jest transpiles TypeScript with SWC: type checking is the `typecheck` task's
// job, so tests start fast. Decorator metadata is on because TypeORM entities
// are decorated classes.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // A guard against hangs, not a speed check: on a loaded 2-core machine 50 concurrent writes can take more than Jest's default 5 s.
  testTimeout: 30_000,
  // Jest 30 warns when a library touches globals of a finished test file; nothing here leaks between files.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

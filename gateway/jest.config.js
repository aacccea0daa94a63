// Integration tests start real processes and databases: generous timeouts,
// one suite at a time so two graphs never compete for the two cores.
module.exports = { preset: '@nlai/jest-preset', testTimeout: 60_000, maxWorkers: 1 };

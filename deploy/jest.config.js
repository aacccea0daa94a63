// npm test: the Kubernetes manifests against the Kubernetes API's schemas. The cluster's own test is npm run test:cluster.
module.exports = { preset: '@nlai/jest-preset', testPathIgnorePatterns: ['/cluster/'] };

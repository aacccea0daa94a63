// The cluster's parts, for npm run cluster and its test.
export {};

/** What the cluster takes from the environment it is started in, read once. */
export const machineEnvironment = Object.freeze({
  /** Where haproxy is looked for, and the only variable the replicas inherit (they get their own environment). */
  path: process.env.PATH ?? '/usr/bin:/bin',
});

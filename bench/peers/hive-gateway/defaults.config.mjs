// Hive Gateway as it ships: nothing changed. (An explicit file, so that no
// gateway.config.* found elsewhere can change the comparison.)
export const gatewayConfig = {};

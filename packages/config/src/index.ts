export { loadConfig, ConfigError } from './load-config';
export type { LoadConfigOptions } from './load-config';
export { env } from './fields';
export { z } from 'zod';

import 'reflect-metadata';
import { migrateOnly } from '@nlai/database';
import { readConfig } from './config';
import { dataSourceOptions } from './data-source';

// `npm run migrate`: applies pending migrations and exits, without serving.
void migrateOnly(dataSourceOptions(readConfig().database));

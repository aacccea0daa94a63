import { boot } from '@nlai/http-server';
import { readConfig } from './config';
import { createServer } from './server';

boot('gateway', readConfig, createServer);

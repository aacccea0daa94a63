import 'reflect-metadata';
import { boot } from '@nlai/http-server';
import { readConfig } from './config';
import { createServer } from './server';

boot('research-innovation', readConfig, createServer);

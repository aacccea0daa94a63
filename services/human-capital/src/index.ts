import 'reflect-metadata';
import { boot } from '@nlai/http-server';
import { readConfig } from './config';
import { createServer } from './server';

boot('human-capital', readConfig, createServer);

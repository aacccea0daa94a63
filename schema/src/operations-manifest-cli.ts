#!/usr/bin/env node
/** `npm run operations:manifest`: writes schema/persisted-operations.json from schema/operations. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaWorkspaceDir } from './paths';
import { buildManifest, renderManifest } from './persisted-operations';

const manifest = buildManifest(join(schemaWorkspaceDir, 'operations'));
writeFileSync(join(schemaWorkspaceDir, 'persisted-operations.json'), renderManifest(manifest));
process.stdout.write(`Wrote schema/persisted-operations.json: ${manifest.operations.length} operations.\n`);

// Copies a service's SDL next to its compiled code: the server reads
// schema.graphql from beside itself, in src/ under tsx and in dist/ when built.
import { copyFileSync } from 'node:fs';
copyFileSync('src/schema.graphql', 'dist/schema.graphql');

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraphFromConfig } from '../src/compose-supergraph';
import { apiSchemaFromSupergraph, checkContractCompatibility } from '../src/contract-compatibility';
import { coreContractPath, supergraphPath } from '../src/paths';

const repoRoot = path.resolve(__dirname, '../..');
const referenceContractPath = path.resolve(repoRoot, '../shared/contract/core.graphql');

describe('the core public contract', () => {
  it('is met by the API schema of a fresh composition', () => {
    const apiSchema = apiSchemaFromSupergraph(composeSupergraphFromConfig().supergraphSdl);
    const violations = checkContractCompatibility(apiSchema, readFileSync(coreContractPath, 'utf8'));
    expect(violations.map((violation) => violation.message)).toEqual([]);
  });

  it('is met by the API schema of the committed supergraph the gateway serves', () => {
    const apiSchema = apiSchemaFromSupergraph(readFileSync(supergraphPath, 'utf8'));
    const violations = checkContractCompatibility(apiSchema, readFileSync(coreContractPath, 'utf8'));
    expect(violations.map((violation) => violation.message)).toEqual([]);
  });

  it('is a byte-identical copy of the shared reference contract', () => {
    if (!existsSync(referenceContractPath)) {
      throw new Error(
        `The reference contract ${referenceContractPath} does not exist; schema/contract/core.graphql cannot be checked against it.`,
      );
    }
    const copy = readFileSync(coreContractPath);
    const reference = readFileSync(referenceContractPath);
    expect(copy.toString('utf8')).toBe(reference.toString('utf8'));
    expect(copy.equals(reference)).toBe(true);
  });
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, print } from 'graphql';
import { buildManifest, renderManifest } from '../src/persisted-operations';
import { schemaWorkspaceDir } from '../src/paths';

const operationsDirectory = join(schemaWorkspaceDir, 'operations');
const committed = JSON.parse(readFileSync(join(schemaWorkspaceDir, 'persisted-operations.json'), 'utf8')) as Record<string, unknown>;

describe('the persisted-operations manifest', () => {
  it("is in Apollo's persisted query manifest format, which Apollo Client's tooling and Apollo Router read", () => {
    expect(Object.keys(committed).sort()).toEqual(['format', 'operations', 'version']);
    expect(committed.format).toBe('apollo-persisted-query-manifest');
    expect(committed.version).toBe(1);
    const operations = committed.operations as Array<Record<string, unknown>>;
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(Object.keys(operation).sort()).toEqual(['body', 'id', 'name', 'type']);
      expect(['query', 'mutation']).toContain(operation.type);
    }
  });

  it('gives each operation the id Apollo gives it: the hex SHA-256 of its body', () => {
    for (const operation of committed.operations as Array<{ id: string; body: string }>) {
      expect(operation.id).toBe(createHash('sha256').update(operation.body).digest('hex'));
      expect(print(parse(operation.body))).toBe(operation.body);
    }
  });

  it('names each operation and its type as its document does', () => {
    const { operations } = buildManifest(operationsDirectory);
    const registerTalent = operations.find((operation) => operation.name === 'RegisterTalent');
    expect(registerTalent?.type).toBe('mutation');
    expect(operations.find((operation) => operation.name === 'LabList')?.type).toBe('query');
  });

  it('is committed as the generator writes it', () => {
    expect(readFileSync(join(schemaWorkspaceDir, 'persisted-operations.json'), 'utf8')).toBe(
      renderManifest(buildManifest(operationsDirectory)),
    );
  });
});

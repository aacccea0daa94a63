import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isNonNullType,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type GraphQLOutputType,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { graphql, startGraph, tokenWith, type GraphQLResult, type TestGraph } from '@nlai/testing';

/**
 * Federation's promise: one subgraph's trouble costs only that subgraph's
 * fields. Each service runs as its own process; one is killed, or frozen
 * with SIGSTOP past the gateway's subgraph timeout, and every saved
 * operation must still carry the other subgraph's part, with a coded error
 * for what is missing.
 */

const schemaDir = resolve(__dirname, '../../schema');
const supergraphSdl = readFileSync(join(schemaDir, 'supergraph.graphql'), 'utf8');
const schema = buildSchema(supergraphSdl);
const operationsDir = join(schemaDir, 'operations');
const saved = readdirSync(operationsDir)
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => ({ file, source: readFileSync(join(operationsDir, file), 'utf8') }));

const isMutation = (source: string) => /^\s*mutation\b/m.test(source);

type Graph = 'RESEARCH_INNOVATION' | 'HUMAN_CAPITAL';

/** The subgraphs that resolve `Type.field`, from the supergraph's join directives. */
const owners = new Map<string, Set<string>>();
for (const definition of parse(supergraphSdl).definitions) {
  if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
  const type = definition as ObjectTypeDefinitionNode;
  const graphArgument = (directive: { arguments?: readonly { name: { value: string }; value: { kind: string } }[] }) => {
    const value = directive.arguments?.find((argument) => argument.name.value === 'graph')?.value as { value?: string } | undefined;
    return value?.value;
  };
  const typeGraphs = (type.directives ?? []).filter((directive) => directive.name.value === 'join__type').map(graphArgument);
  for (const field of type.fields ?? []) {
    const joins = (field.directives ?? []).filter((directive) => directive.name.value === 'join__field');
    const resolving = joins.filter(
      (directive) =>
        !directive.arguments?.some(
          (argument) =>
            argument.name.value === 'external' && argument.value.kind === Kind.BOOLEAN && (argument.value as { value: boolean }).value,
        ),
    );
    owners.set(
      `${type.name.value}.${field.name.value}`,
      new Set((joins.length ? resolving.map(graphArgument) : typeGraphs).filter((graph): graph is string => !!graph)),
    );
  }
}

interface Selected {
  coordinate: string;
  type: GraphQLOutputType;
  children: Map<string, Selected>;
}

/** The operation's selections as a tree of response keys, each with its field's coordinate and type. */
function selectionTree(source: string): Selected {
  const root: Selected = {
    coordinate: '',
    type: (isMutation(source) ? schema.getMutationType() : schema.getQueryType())!,
    children: new Map(),
  };
  const stack = [root];
  const typeInfo = new TypeInfo(schema);
  visit(
    parse(source),
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const parent = stack[stack.length - 1]!;
          const key = node.alias?.value ?? node.name.value;
          const selected = parent.children.get(key) ?? {
            coordinate: `${typeInfo.getParentType()!.name}.${node.name.value}`,
            type: typeInfo.getType()!,
            children: new Map(),
          };
          parent.children.set(key, selected);
          stack.push(selected);
        },
        leave() {
          stack.pop();
        },
      },
    }),
  );
  return root;
}

/** The subgraph that resolves most of a type's fields: where its objects' data lives. */
function home(typeName: string): string | undefined {
  const counts = new Map<string, number>();
  for (const [coordinate, graphs] of owners) {
    if (!coordinate.startsWith(`${typeName}.`) || graphs.size !== 1) continue;
    const [graph] = [...graphs];
    counts.set(graph!, (counts.get(graph!) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * Whether `down` may take this field's value with it: the field is the down
 * subgraph's own, or it points at an object whose data lives in the down
 * subgraph (Talent.lab with Research & Innovation down) and a non-null field
 * of that object failed. Never a field of the other subgraph only because a
 * non-null field the down subgraph contributes to it failed: that is what
 * the promise rules out.
 */
function mayBeLostTo(field: Selected, down: Graph): boolean {
  if (owners.get(field.coordinate)?.has(down)) return true;
  return (
    home(getNamedType(field.type).name) === down &&
    [...field.children.values()].some((child) => isNonNullType(child.type) && owners.get(child.coordinate)?.has(down))
  );
}

/**
 * Compares the answer with the one given while everything was up: equal
 * except for subtrees that are null now; returns those, as response paths,
 * failing when one of them could not have been lost to `down`.
 */
function lostParts(tree: Selected, full: unknown, partial: unknown, down: Graph, path: Array<string | number> = []): string[] {
  if (partial === null && full !== null) {
    if (!mayBeLostTo(tree, down))
      throw new Error(`${path.join('.')} (${tree.coordinate}) is null with ${down} down, though it does not depend on ${down}`);
    return [path.join('.')];
  }
  if (Array.isArray(full)) {
    expect(Array.isArray(partial) && partial.length === full.length).toBe(true);
    return full.flatMap((item, index) => lostParts(tree, item, (partial as unknown[])[index], down, [...path, index]));
  }
  if (full !== null && typeof full === 'object') {
    return Object.entries(full).flatMap(([key, value]) => {
      const child = tree.children.get(key);
      if (!child) throw new Error(`no selection for ${[...path, key].join('.')}`);
      return lostParts(child, value, (partial as Record<string, unknown>)[key], down, [...path, key]);
    });
  }
  expect({ path: path.join('.'), value: partial }).toEqual({ path: path.join('.'), value: full });
  return [];
}

const everything = tokenWith('talent:read', 'human-capital:write', 'research-innovation:write');
const variables: Record<string, Record<string, unknown>> = {
  'courses-for-sector.graphql': { sector: 'Health' },
  'graduate-destinations.graphql': { first: 5 },
  'lab-list.graphql': { first: 5 },
  'lab-page.graphql': { id: 'quva-lab' },
  'lab-talent.graphql': { id: 'quva-lab', first: 5 },
  'organisation-page.graphql': { id: 'uva' },
  'partners-hiring-graduates.graphql': { labId: 'quva-lab' },
  // One key: the person is written once, up front, and every later run replays that write (and its answer),
  // so the figures the other operations compare stay put.
  'register-talent.graphql': {
    input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2024, idempotencyKey: 'partial-answers' },
  },
  'vacancies-matching-lab.graphql': { labId: 'quva-lab' },
};

describe('partial answers: one subgraph down or frozen costs only its own fields', () => {
  let graph: TestGraph;
  const full = new Map<string, GraphQLResult>();
  const run = (source: string, file: string, token: string | undefined = everything) =>
    graphql(graph.gateway.url, source, { token, variables: variables[file] ?? {} });

  beforeAll(async () => {
    // A short subgraph timeout, so that a frozen subgraph costs a second per request.
    graph = await startGraph({ dialect: 'sqlite', envFor: { gateway: { SUBGRAPH_TIMEOUT_MS: '1000' } } });
    // The mutation first: it writes once, and its later runs are replays of that write.
    for (const { file, source } of [
      ...saved.filter(({ source }) => isMutation(source)),
      ...saved.filter(({ source }) => !isMutation(source)),
    ]) {
      await run(source, file); // warm-up: a cold first request may take longer than the short timeout
      const answer = await run(source, file);
      expect({ file, errors: answer.errors }).toEqual({ file, errors: undefined });
      full.set(file, answer);
    }
  });
  afterAll(() => graph?.stop());

  it('answers a public and a guarded root field together: the public part, and UNAUTHENTICATED for the other', async () => {
    const answer = await graphql(graph.gateway.url, '{ talents(first: 1) { totalCount } labs(first: 1) { totalCount } }');
    expect(answer.data).toEqual({ talents: null, labs: { totalCount: expect.any(Number) } });
    expect(answer.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['talents'], 'UNAUTHENTICATED']]);
  });

  const faults: Array<[string, 'researchInnovation' | 'humanCapital', Graph, 'killed' | 'frozen', string]> = [
    ['Human Capital killed', 'humanCapital', 'HUMAN_CAPITAL', 'killed', 'SUBGRAPH_UNAVAILABLE'],
    ['Human Capital frozen', 'humanCapital', 'HUMAN_CAPITAL', 'frozen', 'SUBGRAPH_TIMEOUT'],
    ['Research & Innovation killed', 'researchInnovation', 'RESEARCH_INNOVATION', 'killed', 'SUBGRAPH_UNAVAILABLE'],
    ['Research & Innovation frozen', 'researchInnovation', 'RESEARCH_INNOVATION', 'frozen', 'SUBGRAPH_TIMEOUT'],
  ];

  describe.each(faults)('%s', (_label, service, down, how, code) => {
    beforeAll(async () => {
      if (how === 'killed') await graph.stopService(service, 'SIGKILL');
      else graph[service].child.kill('SIGSTOP');
    });
    afterAll(async () => {
      if (how === 'killed') await graph.startService(service);
      else graph[service].child.kill('SIGCONT');
    });

    it('keeps the public labs when a root field of Human Capital fails beside them', async () => {
      const answer = await graphql(graph.gateway.url, '{ labs(first: 2) { totalCount } talentStats { total } }');
      if (down === 'HUMAN_CAPITAL') expect(answer.data).toEqual({ labs: { totalCount: expect.any(Number) }, talentStats: null });
      else expect(answer.data).toEqual({ labs: null, talentStats: { total: expect.any(Number) } });
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual([code]);
    });

    it.each(saved.map(({ file, source }) => [file, source]))(
      '%s: the rest of the answer, and a coded error for the missing part',
      async (file, source) => {
        const answer = await run(source, file);
        expect(answer.data).not.toBeNull();
        const lost = lostParts(selectionTree(source), full.get(file)!.data, answer.data, down);
        const codes = [...new Set(answer.errors?.map((error) => error.extensions?.code))];
        if (lost.length) expect(codes).toEqual([code]);
        else expect(answer.errors).toBeUndefined();
      },
    );
  });
});

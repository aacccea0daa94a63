import { Kind, visit, type DirectiveNode, type FieldNode, type SelectionSetNode } from 'graphql';
import type { LoadedOperation } from './load-operation';

type Variables = Readonly<Record<string, unknown>>;

/** False for a selection that `@skip(if: true)` or `@include(if: false)` leaves out; true when it cannot tell. */
function isIncluded(directives: readonly DirectiveNode[] | undefined, variables: Variables): boolean {
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const condition = directive.arguments?.find((argument) => argument.name.value === 'if')?.value;
    const value =
      condition?.kind === Kind.BOOLEAN ? condition.value : condition?.kind === Kind.VARIABLE ? variables[condition.name.value] : undefined;
    if (typeof value !== 'boolean') continue;
    if ((name === 'skip') === value) return false;
  }
  return true;
}

/**
 * The fields of some selection sets by response key (alias or name), in the
 * order they are selected, looking through inline fragments and fragment
 * spreads whatever their type condition.
 */
function collectFields(
  operation: LoadedOperation,
  selectionSets: readonly SelectionSetNode[],
  variables: Variables,
  into = new Map<string, FieldNode[]>(),
  spreading = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const selectionSet of selectionSets) {
    for (const selection of selectionSet.selections) {
      if (!isIncluded(selection.directives, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        into.set(key, [...(into.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collectFields(operation, [selection.selectionSet], variables, into, spreading);
      } else {
        const fragment = operation.fragments.get(selection.name.value);
        // A fragment that spreads itself is invalid GraphQL; skipping it keeps this from looping.
        if (!fragment || spreading.has(fragment.name.value)) continue;
        collectFields(operation, [fragment.selectionSet], variables, into, new Set([...spreading, fragment.name.value]));
      }
    }
  }
  return into;
}

/** The fields an operation selects at a response path, e.g. ['lab', 'talent']; [] for none. */
export function fieldsAt(operation: LoadedOperation, path: readonly string[], variables: Variables = {}): FieldNode[] {
  let fields: FieldNode[] = [];
  let selectionSets: SelectionSetNode[] = [operation.definition.selectionSet];
  for (const key of path) {
    fields = collectFields(operation, selectionSets, variables).get(key) ?? [];
    selectionSets = fields.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  }
  return fields;
}

/**
 * The dotted leaf paths under a response path, in selection order: the
 * columns its objects flatten to (`location.city`). A field with a selection
 * set is an object (or a list of them) and is descended into; one without is
 * a leaf.
 */
export function leafColumns(operation: LoadedOperation, path: readonly string[], variables: Variables = {}): string[] {
  const selectionSets =
    path.length === 0
      ? [operation.definition.selectionSet]
      : fieldsAt(operation, path, variables).flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  const columns: string[] = [];
  const walk = (sets: readonly SelectionSetNode[], prefix: string) => {
    for (const [key, fields] of collectFields(operation, sets, variables)) {
      const children = fields.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
      if (children.length > 0) walk(children, `${prefix}${key}.`);
      else columns.push(`${prefix}${key}`);
    }
  };
  walk(selectionSets, '');
  return columns;
}

/** Whether the operation selects sub-fields at a response path, i.e. the value there is an object or a list of objects. */
export function selectsObjectsAt(operation: LoadedOperation, path: readonly string[], variables: Variables = {}): boolean {
  return fieldsAt(operation, path, variables).some((field) => field.selectionSet !== undefined);
}

/** The variable bound to the `after` argument of the field at a response path (`labs(after: $after)` gives "after"). */
export function afterVariableAt(operation: LoadedOperation, path: readonly string[], variables: Variables = {}): string | undefined {
  for (const field of fieldsAt(operation, path, variables)) {
    const after = field.arguments?.find((argument) => argument.name.value === 'after')?.value;
    if (after?.kind === Kind.VARIABLE) return after.name.value;
  }
  return undefined;
}

/** Every variable bound to an `after` argument anywhere in the operation or its fragments. */
export function afterVariables(operation: LoadedOperation): string[] {
  const names = new Set<string>();
  for (const node of [operation.definition, ...operation.fragments.values()]) {
    visit(node, {
      Argument(argument) {
        if (argument.name.value === 'after' && argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
      },
    });
  }
  return [...names];
}

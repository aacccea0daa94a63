import { Kind, print, type TypeNode, type VariableDefinitionNode } from 'graphql';
import type { LoadedOperation } from './load-operation';
import { usageError } from './query-error';

const int32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

function signature(operation: LoadedOperation): string {
  const definitions = operation.definition.variableDefinitions ?? [];
  const name = operation.name ?? 'The operation';
  if (definitions.length === 0) return `${name} takes no variables`;
  return `${name} takes ${definitions.map((definition) => `$${definition.variable.name.value}: ${print(definition.type)}`).join(', ')}`;
}

function parseJson(name: string, type: TypeNode, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw usageError(
      `--var ${name}: ${print(type)} takes JSON here, and ${JSON.stringify(raw)} is not JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

/**
 * Turns one command-line value into the JSON value its declared type needs.
 * The schema is not at hand, so a named type that is not a built-in scalar
 * (an enum, an input object or a custom scalar) goes by the value's shape:
 * text starting with `{`, `[` or `"` is parsed as JSON, anything else is sent
 * as a string; the gateway then checks it against the schema.
 */
function coerce(name: string, declared: TypeNode, type: TypeNode, raw: string): unknown {
  if (type.kind === Kind.NON_NULL_TYPE) return coerce(name, declared, type.type, raw);
  if (type.kind === Kind.LIST_TYPE) {
    // GraphQL coerces a single value to a list of one, so `--var ids=a` works for [ID!] too.
    return raw.trimStart().startsWith('[') ? parseJson(name, declared, raw) : coerce(name, declared, type.type, raw);
  }
  const text = raw.trim();
  switch (type.name.value) {
    case 'Int': {
      const value = Number(text);
      if (!/^[+-]?\d+$/.test(text) || value < int32.min || value > int32.max)
        throw usageError(`--var ${name}: ${print(declared)} takes a whole number, got "${raw}".`);
      return value;
    }
    case 'Float': {
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) throw usageError(`--var ${name}: ${print(declared)} takes a number, got "${raw}".`);
      return value;
    }
    case 'Boolean':
      if (text === 'true' || text === 'false') return text === 'true';
      throw usageError(`--var ${name}: ${print(declared)} takes true or false, got "${raw}".`);
    case 'ID':
    case 'String':
      return raw;
    default:
      return /^[{["]/.test(text) ? parseJson(name, declared, raw) : raw;
  }
}

/**
 * Builds the variables of an operation from `name=value` assignments
 * (`--var first=5`), coerced by the operation's variable definitions. Refuses
 * a name the operation does not declare, a value that does not fit, the same
 * name twice, and a required variable (non-null, no default) left out.
 */
export function coerceVariables(operation: LoadedOperation, assignments: readonly string[]): Record<string, unknown> {
  const definitions = new Map<string, VariableDefinitionNode>(
    (operation.definition.variableDefinitions ?? []).map((definition) => [definition.variable.name.value, definition]),
  );
  const variables: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals < 1) throw usageError(`--var takes name=value, got "${assignment}".`);
    const name = assignment.slice(0, equals).trim().replace(/^\$/, '');
    const definition = definitions.get(name);
    if (!definition) throw usageError(`Unknown variable "${name}": ${signature(operation)}.`);
    if (name in variables) throw usageError(`--var ${name} is given twice.`);
    variables[name] = coerce(name, definition.type, definition.type, assignment.slice(equals + 1));
  }
  const missing = [...definitions.values()].filter(
    (definition) =>
      definition.type.kind === Kind.NON_NULL_TYPE && !definition.defaultValue && !(definition.variable.name.value in variables),
  );
  if (missing.length > 0) {
    throw usageError(
      `Missing ${missing.map((definition) => `--var ${definition.variable.name.value}=…`).join(', ')}: ${signature(operation)}.`,
    );
  }
  return variables;
}

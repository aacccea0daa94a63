/** Every spelling of a new subgraph's names, derived once from `--name` (and `--entity`). */
export interface SubgraphNames {
  /** kebab-case, e.g. `ai-skills`: the folder, the subgraph's name in the supergraph. */
  service: string;
  /** `@nlai/ai-skills` */
  package: string;
  /** `AI Skills`-like title for prose: `Ai Skills`. */
  title: string;
  /** `AI_SKILLS`: the prefix of its environment variables. */
  prefix: string;
  /** `ai_skills`: its MySQL database and user. */
  database: string;
  /** The entity type, PascalCase, e.g. `Skill`. */
  entity: string;
  /** `skill` */
  entityCamel: string;
  /** `skills`: the list field. */
  entityPlural: string;
  /** `skill`: file names. */
  entityKebab: string;
  /** `skill`: the table. */
  table: string;
  /** `ai-skills:write` */
  writeScope: string;
}

const kebab = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Checks `--name` and derives the rest; the entity defaults to the name in PascalCase, a final "s" dropped. */
export function subgraphNames(service: string, entity?: string): SubgraphNames {
  if (!kebab.test(service)) throw new Error(`--name must be kebab-case, e.g. ai-skills; "${service}" is not.`);
  const words = service.split('-');
  const pascal = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  const entityName = entity ?? (pascal.endsWith('s') && pascal.length > 2 ? pascal.slice(0, -1) : pascal);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(entityName)) throw new Error(`--entity must be PascalCase, e.g. Skill; "${entityName}" is not.`);
  const entityCamel = entityName[0]!.toLowerCase() + entityName.slice(1);
  const entityKebab = entityName.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return {
    service,
    package: `@nlai/${service}`,
    title: words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' '),
    prefix: service.toUpperCase().replace(/-/g, '_'),
    database: service.replace(/-/g, '_'),
    entity: entityName,
    entityCamel,
    entityPlural: `${entityCamel}s`,
    entityKebab,
    table: entityKebab.replace(/-/g, '_'),
    writeScope: `${service}:write`,
  };
}

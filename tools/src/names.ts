import pluralize from 'pluralize';

/** Every spelling of a new subgraph's names, derived once from `--name` (and `--entity`). */
export interface SubgraphNames {
  /** kebab-case, e.g. `ai-skills`: the folder, the subgraph's name in the supergraph. */
  service: string;
  /** `aiSkills`: the name of its subgraph definition in code. */
  serviceCamel: string;
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

/** Applies an English inflection to the last word of a camel- or PascalCase name (`aiSkill` → `aiSkills`). */
function inflectLastWord(name: string, inflect: (word: string) => string): string {
  const at = name.search(/[A-Z][a-z0-9]*$/);
  const start = at > 0 ? at : 0;
  return name.slice(0, start) + inflect(name.slice(start));
}

/** Checks `--name` and derives the rest; the entity defaults to the name in PascalCase, its last word made singular. */
export function subgraphNames(service: string, entity?: string): SubgraphNames {
  if (!kebab.test(service)) throw new Error(`--name must be kebab-case, e.g. ai-skills; "${service}" is not.`);
  const words = service.split('-');
  const pascal = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  const entityName = entity ?? inflectLastWord(pascal, (word) => pluralize.singular(word));
  if (!/^[A-Z][A-Za-z0-9]*$/.test(entityName)) throw new Error(`--entity must be PascalCase, e.g. Skill; "${entityName}" is not.`);
  const entityCamel = entityName[0]!.toLowerCase() + entityName.slice(1);
  const entityPlural = inflectLastWord(entityCamel, (word) => pluralize.plural(word));
  if (entityPlural === entityCamel) {
    throw new Error(
      `--entity: "${entityName}" has no plural of its own, so its list field would clash with ${entityCamel}(id:); name a countable entity with --entity.`,
    );
  }
  const entityKebab = entityName.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return {
    service,
    serviceCamel: pascal[0]!.toLowerCase() + pascal.slice(1),
    package: `@nlai/${service}`,
    title: words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' '),
    prefix: service.toUpperCase().replace(/-/g, '_'),
    database: service.replace(/-/g, '_'),
    entity: entityName,
    entityCamel,
    entityPlural,
    entityKebab,
    table: entityKebab.replace(/-/g, '_'),
    writeScope: `${service}:write`,
  };
}

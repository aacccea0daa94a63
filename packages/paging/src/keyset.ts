import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { CursorValues, OrderingShape } from './ordering';

/** The ORDER BY list of an ordering, NULL placement spelled out (MySQL has no NULLS FIRST). */
export function orderBySql(ordering: OrderingShape): string {
  return ordering.keys
    .flatMap((key) => [
      ...(key.nulls ? [`${key.expression} IS NULL ${key.nulls === 'FIRST' ? 'DESC' : 'ASC'}`] : []),
      `${key.expression} ${key.direction}`,
    ])
    .join(', ');
}

/**
 * The condition "row comes after this position" for a keyset ordering:
 * OR over i of (keys before i equal AND key i after), with NULLs placed as
 * the ordering says. Parameters are named `${prefix}0`, `${prefix}1`, …
 */
export function seekCondition(
  ordering: OrderingShape,
  after: CursorValues,
  prefix: string,
): { sql: string; parameters: Record<string, unknown> } {
  const parameters: Record<string, unknown> = {};
  const equal: string[] = [];
  const alternatives: string[] = [];
  ordering.keys.forEach((key, index) => {
    const value = after[index] ?? null;
    const name = `${prefix}${index}`;
    if (value !== null) parameters[name] = value;
    let beyond: string | null;
    if (value === null) {
      beyond = key.nulls === 'FIRST' ? `${key.expression} IS NOT NULL` : null;
    } else {
      beyond = `${key.expression} ${key.direction === 'DESC' ? '<' : '>'} :${name}`;
      if (key.nulls === 'LAST') beyond = `(${beyond} OR ${key.expression} IS NULL)`;
    }
    if (beyond) alternatives.push([...equal, beyond].join(' AND '));
    equal.push(value === null ? `${key.expression} IS NULL` : `${key.expression} = :${name}`);
  });
  return { sql: alternatives.length ? alternatives.map((alternative) => `(${alternative})`).join(' OR ') : '1 = 0', parameters };
}

/** Orders a query by the ordering and, given a position, keeps only the rows after it. */
export function orderAndSeek<Entity extends ObjectLiteral>(
  query: SelectQueryBuilder<Entity>,
  ordering: OrderingShape,
  after: CursorValues | null,
): SelectQueryBuilder<Entity> {
  query.orderBy();
  for (const key of ordering.keys) {
    if (key.nulls) query.addOrderBy(`${key.expression} IS NULL`, key.nulls === 'FIRST' ? 'DESC' : 'ASC');
    query.addOrderBy(key.expression, key.direction);
  }
  if (after) {
    const { sql, parameters } = seekCondition(ordering, after, 'seek');
    query.andWhere(`(${sql})`, parameters);
  }
  return query;
}

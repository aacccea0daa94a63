export type { ColumnKey, Ordering, OrderingShape, SortKey, CursorValues } from './ordering';
export { entityOrdering, orderingFor, reversed } from './ordering';
export { encodeCursor, decodeCursor } from './cursor';
export { defaultPageSize, listSize, maxPageSize, pageRequest } from './page-request';
export type { PageArguments, PageLimits, PageRequest } from './page-request';
export { orderBySql, seekCondition, orderAndSeek } from './keyset';
export { keysetConnection, toConnection, paginate } from './connection';
export type { Connection } from './connection';

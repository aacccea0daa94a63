import { clientError } from '@nlai/errors';
import { decodeCursor } from './cursor';
import type { CursorValues, OrderingShape } from './ordering';

/** `first` and `after` as a list field receives them. */
export interface PageArguments {
  first?: number | null;
  after?: string | null;
}

/**
 * Page size of every list when `first` is not given, unless the list says
 * otherwise. The gateway assumes it for the cost of a paged list, and a paged
 * field's `@listSize(assumedSize:)` in the SDL must equal it (tested).
 */
export const defaultPageSize = 20;

/** Largest `first` any list accepts; the gateway refuses a larger one before planning. */
export const maxPageSize = 100;

/** Page sizes of a list. */
export interface PageLimits {
  /** Page size when `first` is not given. Default: {@link defaultPageSize}. */
  defaultSize?: number;
  /** Largest `first` accepted. Default: {@link maxPageSize}. */
  maxSize?: number;
}

/** A validated page request: how many rows, after which position. */
export interface PageRequest {
  size: number;
  after: CursorValues | null;
}

/** Validates `first` of any list, a page or a plain list: the same bounds and error everywhere. */
export function listSize(first: number | null | undefined, limits: PageLimits = {}): number {
  const defaultSize = limits.defaultSize ?? defaultPageSize;
  const maxSize = limits.maxSize ?? maxPageSize;
  const size = first ?? defaultSize;
  if (size < 0 || size > maxSize) {
    throw clientError(
      'PAGE_SIZE_EXCEEDED',
      `\`first\` must be between 0 and ${maxSize}; it was ${size}. Page through larger lists with \`after\`.`,
      {
        maxPageSize: maxSize,
      },
    );
  }
  return size;
}

/** Validates `first` and `after` against the limits and the list's ordering. */
export function pageRequest(args: PageArguments, ordering: OrderingShape, limits: PageLimits = {}): PageRequest {
  return { size: listSize(args.first, limits), after: args.after == null ? null : decodeCursor(ordering, args.after) };
}

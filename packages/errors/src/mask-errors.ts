import type { GraphQLFormattedError } from 'graphql';
import { isCatalogued } from './catalogue';

/** Extension keys a client may see next to the code. */
const publicExtensionKeys = new Set(['code', 'requiredScope', 'maxPageSize', 'limit', 'serviceName']);

/** The minimal logger the masking needs (pino's shape). */
export interface ErrorLogger {
  error(details: Record<string, unknown>, message: string): void;
}

/** Options of {@link maskErrors}. */
export interface MaskErrorsOptions {
  /** Where the real cause of a masked error goes. */
  logger: ErrorLogger;
  /** Keep stack traces in responses (development only). Default: false. */
  exposeStackTraces?: boolean;
}

/**
 * Apollo Server `formatError`: errors with a catalogued code reach the client
 * as they are; anything else is logged with its cause and replaced by a bare
 * INTERNAL_SERVER_ERROR, so no SQL, path or stack leaks out.
 */
export function maskErrors(options: MaskErrorsOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isCatalogued(code) && code !== 'INTERNAL_SERVER_ERROR') {
      if (options.exposeStackTraces) return formatted;
      // Only known, harmless details pass: a subgraph's error may carry its URL or response body.
      const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => publicExtensionKeys.has(key)));
      return { ...formatted, extensions };
    }
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    // An INTERNAL_SERVER_ERROR passed on by a subgraph is already masked; log it once more here for the trace.
    options.logger.error({ err: original, path: formatted.path, code }, 'masked an internal error');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

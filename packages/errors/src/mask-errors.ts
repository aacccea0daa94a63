import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { clientMessageOf, publicCodeOf } from './client-mistake';

/** Extension keys a client may see next to the code. */
const publicExtensionKeys = new Set(['code', 'requiredScope', 'maxPageSize', 'limit', 'serviceName']);

/** Options of {@link maskErrors}. */
export interface MaskErrorsOptions {
  /** Keep stack traces in responses (development only). Default: false. */
  exposeStackTraces?: boolean;
}

/**
 * Apollo Server `formatError`: a client's mistake, or a fault the client is
 * told about, reaches the client with its catalogued code (see
 * {@link publicCodeOf}); anything else is replaced
 * by a bare INTERNAL_SERVER_ERROR, so no SQL, path or stack leaks out.
 * Logging is not done here, where the request is unknown: see the
 * http-server's error-log plugin, which logs each error with its request id.
 */
export function maskErrors(options: MaskErrorsOptions = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original =
      error instanceof GraphQLError ? error : new GraphQLError(formatted.message, { extensions: formatted.extensions ?? {} });
    const code = publicCodeOf(original);
    if (code) {
      if (options.exposeStackTraces) return { ...formatted, extensions: { ...formatted.extensions, code } };
      // Only known, harmless details pass: a subgraph's error may carry its URL or response body.
      const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => publicExtensionKeys.has(key)));
      return { ...formatted, message: clientMessageOf(original), extensions: { ...extensions, code } };
    }
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

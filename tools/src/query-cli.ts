#!/usr/bin/env node
/**
 * `npm run query -- <file.graphql> [--var name=value …] [--operation <name>] [--format table|csv|json] [--token <jwt>] [--all-pages] [--url <url>]`
 * Runs one operation from a file against the gateway and prints its data:
 * the data on stdout, everything else (progress, errors, notes) on stderr.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { coerceVariables } from './query/coerce-variables';
import { checkGraphUrl, loadQueryConfig } from './query/config';
import { loadGraphSchema } from './query/figures';
import { fetchAllPages, type AllPagesResponse } from './query/fetch-all-pages';
import { isJsonObject, type JsonObject } from './query/find-rows';
import { formatCsv } from './query/format-csv';
import { formatTable } from './query/format-table';
import { loadOperation, type LoadedOperation } from './query/load-operation';
import { QueryError, usageError } from './query/query-error';
import { runOperation, type GraphQLResponseError } from './query/run-operation';
import { tabulate } from './query/tabulate';

const formats = ['table', 'csv', 'json'] as const;
type Format = (typeof formats)[number];

const usage = `Usage: npm run query -- <file.graphql> [options]

Runs a GraphQL operation from a file against the gateway and prints the result.

  --var name=value     a variable, coerced by the operation's definition: Int and Float as numbers,
                       Boolean as true/false, ID, String and enums as text, input objects and lists
                       as JSON (--var filter='{"status":"ACTIVE"}'); repeat for more
  --operation <name>   the operation to run when the file holds several
  --format <format>    table (default), csv (RFC 4180) or json (the data as it came)
  --all-pages          follow pageInfo { hasNextPage endCursor } of the first connection through
                       its $after variable and print every page's rows; progress goes to stderr
  --token <jwt>        sent as Authorization: Bearer <jwt> (default: GRAPH_TOKEN; npm run token)
  --url <url>          the gateway (default: GRAPH_URL, else GATEWAY_URL, else
                       http://localhost:$GATEWAY_PORT/graphql, port 4000 when unset)

csv and table print rows: the nodes of the first connection in the result (breadth-first), else
the items of the first list of objects, else the data as one row. Nested objects become dotted
columns (location.city). A list of figures (counts per sector, per kind, per partner) gives each
item a row of its own, the rest of the row repeated. Any other list inside a row is one cell with
its items joined by "; "; a list of objects gives one such column per field
(partners.organisation.name), the n-th part of each belonging to the n-th item; lists inside
those items are joined by ", ". A null is an empty cell (public figures are released and
perturbed, never null; see docs/privacy.md).

Exit codes: 0 done; 1 failed (file, gateway, GraphQL errors: partial data is still printed); 2 bad usage.`;

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        var: { type: 'string', multiple: true, default: [] },
        operation: { type: 'string' },
        format: { type: 'string', default: 'table' },
        'all-pages': { type: 'boolean', default: false },
        token: { type: 'string' },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's own message goes on about positionals starting with '-'; the option's name is what matters.
    const unknown = (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'([^']+)'/.exec(message)?.[1] : undefined;
    throw usageError(`${unknown ? `Unknown option ${unknown}` : message.replace(/\.$/, '')} (see --help).`);
  }
}

/** `GraphQL error [UNAUTHENTICATED] at talents: …` on one line. */
function describeError(error: GraphQLResponseError): string {
  const code = typeof error.extensions?.code === 'string' ? ` [${error.extensions.code}]` : '';
  const path = error.path?.length ? ` at ${error.path.join('.')}` : '';
  return `GraphQL error${code}${path}: ${String(error.message).replace(/\s+/g, ' ')}`;
}

function render(data: JsonObject, format: Format, operation: LoadedOperation, variables: Record<string, unknown>): string {
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  const rows = tabulate(data, operation, variables, loadGraphSchema());
  return format === 'csv' ? formatCsv(rows) : formatTable(rows);
}

async function main(): Promise<number> {
  const { values, positionals } = parseCommandLine();
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw usageError(
      positionals.length === 0
        ? 'Give the .graphql file of the operation to run (see --help).'
        : `One .graphql file at a time; got ${positionals.join(', ')}.`,
    );
  }
  const format = values.format as Format;
  if (!formats.includes(format)) throw usageError(`--format takes ${formats.join(', ')}; got "${values.format}".`);
  const config = loadQueryConfig(process.env, process.cwd());
  const url = values.url === undefined ? config.graphUrl : checkGraphUrl(values.url, '--url');
  const token = values.token ?? config.graphToken;

  const file = positionals[0]!;
  const operation = loadOperation(file, resolve(config.workingDirectory, file), values.operation);
  const variables = coerceVariables(operation, values.var);
  const send = (pageVariables: Record<string, unknown>) =>
    runOperation({ url, query: operation.query, operationName: operation.name, variables: pageVariables, token });
  const response: AllPagesResponse = values['all-pages']
    ? await fetchAllPages({ operation, variables, send, onPage: (page, rows) => process.stderr.write(`page ${page}: ${rows} rows…\n`) })
    : { ...(await send(variables)), pages: 1 };

  const errors = response.errors ?? [];
  for (const error of errors) process.stderr.write(`${describeError(error)}\n`);
  // Root fields are nullable: every one of them null, with errors, means nothing came back.
  const data = response.data;
  if (!isJsonObject(data) || (errors.length > 0 && Object.values(data).every((value) => value === null))) {
    if (errors.length === 0) process.stderr.write('query: the gateway answered without data or errors.\n');
    return 1;
  }
  process.stdout.write(render(data, format, operation, variables));
  if (response.stoppedAtPage !== undefined && response.stoppedAtPage > 1) {
    process.stderr.write(
      `query: page ${response.stoppedAtPage} failed; printed the rows of the ${response.stoppedAtPage - 1} pages before it.\n`,
    );
    return 1;
  }
  if (errors.length > 0) {
    process.stderr.write(
      `query: the data is partial (${errors.length} ${errors.length === 1 ? 'error' : 'errors'} above); printed what came back.\n`,
    );
    return 1;
  }
  return 0;
}

// `… | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`query: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof QueryError ? error.exitCode : 1;
  },
);

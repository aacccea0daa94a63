import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@nlai/http-server';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from './context';
import { coordinatesWithVariables, operationCoordinates, type OperationCoordinates } from './schema-coordinates';
import { UsageAggregator, type UsageRecord } from './usage-aggregator';

/** Where batches of usage go. A failing write loses that batch only; requests never see it. */
export interface UsageSink {
  write(records: UsageRecord[]): Promise<void>;
}

/**
 * The gateway's usage store: a spool directory of JSON-lines files, one per
 * batch, written whole (a temporary name, then renamed) so a reader never
 * sees half a batch. `npm run usage` and `npm run schema:check` move them
 * into the SQLite or MySQL store (docs/decisions/0007-field-usage-store.md):
 * the gateway itself needs no database driver.
 */
export function spoolDirectory(directory: string): UsageSink {
  let sequence = 0;
  const process = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  return {
    async write(records) {
      await mkdir(directory, { recursive: true });
      sequence += 1;
      const name = `usage-${process}-${String(sequence).padStart(6, '0')}.jsonl`;
      const temporary = join(directory, `.${name}.tmp`);
      await writeFile(temporary, records.map((record) => JSON.stringify(record)).join('\n') + '\n', { flag: 'wx' });
      await rename(temporary, join(directory, name));
    },
  };
}

/** Options of {@link useFieldUsage}. */
export interface FieldUsageOptions {
  /** Where batches go. */
  sink: UsageSink;
  logger: Logger;
  /** Share of operations recorded, 0 to 1; each one recorded counts 1 / rate. Default: 1. */
  sampleRate?: number;
  /** Distinct (hour, client, version, coordinate) keys held between flushes; more are dropped and counted. Default: 10000. */
  maxKeys?: number;
  /** How often the counts are written, in ms; also on a full aggregator and on shutdown. Default: 60000. */
  flushIntervalMs?: number;
  /** For tests: decides whether an operation is sampled. Default: Math.random. */
  random?: () => number;
}

/** Header values as they are counted: trimmed, printable, at most 100 characters; `unknown` when absent. */
function clientLabel(value: string | undefined | null): string {
  const cleaned = (value ?? '')
    .replace(/[^\x20-\x7e]/g, '')
    .trim()
    .slice(0, 100);
  return cleaned || 'unknown';
}

/**
 * Records which schema coordinates every operation uses, per client name
 * and version (`apollographql-client-name`/`-version`) and hour, counted in
 * memory and written in batches off the request path: on a timer, early
 * when the aggregator fills, and on shutdown. Recording costs a lookup per
 * request: the coordinates a document names are worked out once per parsed
 * document (Apollo keeps parsed documents), only variables' values per request.
 */
export function useFieldUsage(options: FieldUsageOptions): ApolloServerPlugin<GatewayContext> {
  const sampleRate = options.sampleRate ?? 1;
  const random = options.random ?? Math.random;
  const byDocument = new WeakMap<DocumentNode, Map<OperationDefinitionNode, OperationCoordinates>>();
  let writing: Promise<void> = Promise.resolve();

  const flush = () => {
    const { records, dropped } = aggregator.drain();
    if (dropped > 0) options.logger.warn({ dropped }, 'field usage: uses dropped, the aggregator was full (USAGE_MAX_KEYS)');
    if (records.length === 0) return writing;
    // One write at a time, in order; a failed batch is logged and lost, never retried into a request.
    writing = writing.then(() =>
      options.sink.write(records).catch((error: unknown) => {
        options.logger.error({ err: error, records: records.length }, 'field usage: a batch could not be written to the usage store');
      }),
    );
    return writing;
  };
  const aggregator = new UsageAggregator(options.maxKeys ?? 10_000, () => setImmediate(() => void flush()));

  return {
    async serverWillStart() {
      const timer = setInterval(() => void flush(), options.flushIntervalMs ?? 60_000);
      timer.unref();
      return {
        async serverWillStop() {
          clearInterval(timer);
          await flush();
        },
      };
    },
    async requestDidStart({ request, contextValue }) {
      // The boot-time warm-up plans the saved operations: no client's use.
      if (contextValue.warmUp || (sampleRate < 1 && random() >= sampleRate)) return;
      return {
        async didResolveOperation({ document, operation, schema }) {
          if (!operation) return;
          let operations = byDocument.get(document);
          if (!operations) byDocument.set(document, (operations = new Map()));
          let coordinates = operations.get(operation);
          if (!coordinates) operations.set(operation, (coordinates = operationCoordinates(schema, document, operation)));
          aggregator.add(
            clientLabel(request.http?.headers.get('apollographql-client-name')),
            clientLabel(request.http?.headers.get('apollographql-client-version')),
            coordinatesWithVariables(coordinates, request.variables),
            1 / sampleRate,
          );
        },
      };
    },
  };
}

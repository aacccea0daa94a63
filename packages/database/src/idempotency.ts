import { createHash } from 'node:crypto';
import { Column, CreateDateColumn, Entity, PrimaryColumn, type DataSource, type EntityManager } from 'typeorm';
import type { UserError } from '@nlai/errors';
import { retryingTransaction } from './retrying-transaction';
import { isUniqueViolation } from './unique-violation';

/** A mutation's idempotency key and the payload of its first successful run. */
@Entity({ name: 'idempotency_key' })
export class IdempotencyKeyEntity {
  /** SHA-256 of the caller and the client's key (see {@link storedKeyOf}): each caller has keys of their own. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key!: string;

  /** The mutation it was used with, e.g. `labCreate`. */
  @Column({ type: 'varchar', length: 64 })
  operation!: string;

  /** SHA-256 of the input, so a key reused for another input is refused. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  /** The payload, as JSON; null while the first run is in its transaction. */
  @Column({ type: 'text', nullable: true })
  result!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}

/** What makes a write idempotent. */
export interface IdempotentRequest {
  /** The client's key; without one the write simply runs. */
  key?: string | null;
  /**
   * Who writes: the token's subject. A key belongs to its caller, so one
   * caller's key neither replays nor blocks another's write. A key from a
   * token without a subject is refused.
   */
  caller: string | null;
  /** The mutation's name: a key belongs to one mutation. */
  operation: string;
  /** The input without the key: a key belongs to one input. */
  input: unknown;
}

/** Thrown for a key that is malformed, or comes back with another mutation or another input. */
export class IdempotencyKeyRefused extends Error {}

const keyPattern = /^[A-Za-z0-9_.:-]{1,100}$/;

class KeyInFlight extends Error {}
class NothingWritten<T> extends Error {
  constructor(readonly result: T) {
    super('nothing written');
  }
}

function fingerprintOf(operation: string, input: unknown): string {
  const stable = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([key]) => key !== 'idempotencyKey')
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, inner]) => [key, stable(inner)]),
        )
      : Array.isArray(value)
        ? value.map(stable)
        : value;
  return createHash('sha256')
    .update(`${operation}\n${JSON.stringify(stable(input))}`)
    .digest('hex');
}

/**
 * The row's key: a hash of caller and key, so the table (and its primary
 * key) did not change when keys became per caller, and no subject is stored.
 */
function storedKeyOf(key: string, caller: string | null): string {
  if (!keyPattern.test(key)) throw new IdempotencyKeyRefused('An idempotency key is 1 to 100 letters, digits or . _ : -.');
  if (!caller) throw new IdempotencyKeyRefused('An idempotency key needs a bearer token that names its caller (sub).');
  return createHash('sha256').update(`${caller.length}:${caller}\n${key}`).digest('hex');
}

/** The payload stored for this caller's key, if its first run completed; throws IdempotencyKeyRefused on a mismatch. */
export async function storedResult<T>(manager: EntityManager, request: IdempotentRequest): Promise<T | undefined> {
  if (!request.key) return undefined;
  return storedResultAt<T>(manager, storedKeyOf(request.key, request.caller), request);
}

async function storedResultAt<T>(manager: EntityManager, storedKey: string, request: IdempotentRequest): Promise<T | undefined> {
  const stored = await manager.findOneBy(IdempotencyKeyEntity, { key: storedKey });
  if (!stored?.result) return undefined;
  if (stored.operation !== request.operation || stored.fingerprint !== fingerprintOf(request.operation, request.input)) {
    throw new IdempotencyKeyRefused('This idempotency key was used for another write; use a new key for a new write.');
  }
  return JSON.parse(stored.result) as T;
}

/**
 * Runs a write in a transaction (run again if chosen as a deadlock victim),
 * once per caller and idempotency key: a retry with the
 * same key gets the first run's payload and writes nothing. The key is
 * reserved before the write, so a concurrent retry waits for the first run
 * (or, on SQLite, runs after it) and then replays it. A run that wrote
 * nothing (`succeeded` false, e.g. user errors) keeps no key, so a corrected
 * retry may use it.
 */
export async function idempotentTransaction<T>(
  dataSource: DataSource,
  request: IdempotentRequest,
  write: (manager: EntityManager) => Promise<T>,
  succeeded: (result: T) => boolean,
): Promise<T> {
  // Checked and hashed once per write: a malformed key or a caller without a subject is refused before any transaction.
  const storedKey = request.key ? storedKeyOf(request.key, request.caller) : null;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await retryingTransaction(dataSource, async (manager) => {
        if (!storedKey) return write(manager);
        const replay = await storedResultAt<T>(manager, storedKey, request);
        if (replay !== undefined) return replay;
        try {
          await manager.insert(IdempotencyKeyEntity, {
            key: storedKey,
            operation: request.operation,
            fingerprint: fingerprintOf(request.operation, request.input),
            result: null,
          });
        } catch (error) {
          if (isUniqueViolation(error)) throw new KeyInFlight();
          throw error;
        }
        const result = await write(manager);
        if (!succeeded(result)) throw new NothingWritten(result);
        await manager.update(IdempotencyKeyEntity, { key: storedKey }, { result: JSON.stringify(result) });
        return result;
      });
    } catch (error) {
      if (error instanceof NothingWritten) return error.result as T;
      if (error instanceof KeyInFlight && attempt < 5) continue;
      throw error;
    }
  }
}

/** A mutation payload: whatever it returns, plus its user errors (only their number matters here). */
export interface MutationPayload {
  userErrors: readonly unknown[];
}

/**
 * The whole of a mutation's write: one transaction, once per idempotency
 * key, a payload with user errors when the key is refused. `write` builds
 * the payload; a payload with user errors must have written nothing.
 */
export async function runMutation<Payload extends MutationPayload>(
  dataSource: DataSource,
  request: IdempotentRequest,
  write: (manager: EntityManager) => Promise<Payload>,
  refusedKey: (userError: UserError) => Payload,
): Promise<Payload> {
  try {
    return await idempotentTransaction(dataSource, request, write, (payload) => payload.userErrors.length === 0);
  } catch (error) {
    if (!(error instanceof IdempotencyKeyRefused)) throw error;
    return refusedKey({ field: ['input', 'idempotencyKey'], code: 'INVALID', message: error.message });
  }
}

/**
 * The payload of a completed earlier run with this key, looked up before a
 * write's network checks, so that a retry succeeds even while those fail.
 */
export async function replayOf<Payload extends MutationPayload>(
  dataSource: DataSource,
  request: IdempotentRequest,
  refusedKey: (userError: UserError) => Payload,
): Promise<Payload | undefined> {
  try {
    return await storedResult<Payload>(dataSource.manager, request);
  } catch (error) {
    if (!(error instanceof IdempotencyKeyRefused)) throw error;
    return refusedKey({ field: ['input', 'idempotencyKey'], code: 'INVALID', message: error.message });
  }
}

import type { AuthContext } from '@nlai/auth';
import { isUniqueViolation, replayOf, runMutation, type IdempotentRequest, type MutationPayload } from '@nlai/database';
import { UserErrors, type UserError } from '@nlai/errors';
import type { DataSource, EntityManager } from 'typeorm';

/** The call a pipeline runs: which mutation, its input (with its idempotency key), and who calls. */
export interface MutationCall {
  /** The mutation's name, e.g. `labCreate`: an idempotency key belongs to one mutation. */
  operation: string;
  input: { idempotencyKey?: string | null };
  auth: AuthContext;
}

/** What every mutation says about its payload. */
interface PayloadSteps<Payload> {
  /** The payload that refuses the input: no object, these user errors. */
  refused(userErrors: UserError[]): Payload;
  /**
   * The user error for a write that lost a race on a UNIQUE index (another
   * request took the same name between the check and the write). Without
   * it, such a failure is an internal error.
   */
  raceLost?: UserError;
}

/** A mutation whose checks read only this subgraph's own data: all in one transaction. */
export interface LocalMutationSteps<Repositories, Payload, Valid> extends PayloadSteps<Payload> {
  /** Checks the input against the data; returns what `write` needs, or records user errors. */
  validate(repositories: Repositories, errors: UserErrors): Promise<Valid | undefined>;
  /** Writes; runs only when `validate` found no user error. */
  write(repositories: Repositories, valid: Valid): Promise<Payload>;
}

/**
 * A mutation that also checks references held elsewhere (another subgraph,
 * over the network). Those checks run before the transaction opens, so no
 * lock is held while waiting.
 */
export interface RemoteMutationSteps<Repositories, Payload, Draft> extends PayloadSteps<Payload> {
  /**
   * Checks the input alone and its references elsewhere; returns what the
   * write would store, or undefined when the mistakes found leave nothing
   * to check in the transaction.
   */
  check(errors: UserErrors): Promise<Draft | undefined>;
  /** Checks the draft against this subgraph's data, in the transaction; adds to the mistakes found so far. */
  validate?(repositories: Repositories, errors: UserErrors, draft: Draft): Promise<void>;
  /** Writes; runs only when no user error was found. */
  write(repositories: Repositories, draft: Draft): Promise<Payload>;
}

/**
 * Runs every mutation of a subgraph the same way: validate (collecting all
 * user errors), write in a retrying transaction once per idempotency key,
 * and answer with a payload. A payload with user errors wrote nothing; a
 * retry with the key of a completed write gets that write's payload.
 */
export class MutationPipeline<Repositories> {
  /**
   * @param dataSource the subgraph's database.
   * @param repositories binds the subgraph's repositories to a transaction's entity manager.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly repositories: (manager: EntityManager) => Repositories,
  ) {}

  /** A mutation whose checks and write all happen in one transaction. */
  run<Payload extends MutationPayload, Valid>(
    call: MutationCall,
    steps: LocalMutationSteps<Repositories, Payload, Valid>,
  ): Promise<Payload> {
    return this.transact(call, steps, new UserErrors(), steps.validate.bind(steps), steps.write.bind(steps));
  }

  /**
   * A mutation that checks references elsewhere first. A retry of a
   * completed write is answered before those checks, so it succeeds even
   * while the other side is unreachable.
   */
  async runWithRemoteChecks<Payload extends MutationPayload, Draft>(
    call: MutationCall,
    steps: RemoteMutationSteps<Repositories, Payload, Draft>,
  ): Promise<Payload> {
    const replay = await replayOf(this.dataSource, requestOf(call), (userError) => steps.refused([userError]));
    if (replay) return replay;
    const errors = new UserErrors();
    const draft = await steps.check(errors);
    if (draft === undefined) return steps.refused(errors.list());
    return this.transact(
      call,
      steps,
      errors,
      async (repositories, found) => {
        await steps.validate?.(repositories, found, draft);
        return draft;
      },
      (repositories) => steps.write(repositories, draft),
    );
  }

  private async transact<Payload extends MutationPayload, Valid>(
    call: MutationCall,
    steps: PayloadSteps<Payload>,
    foundBefore: UserErrors,
    validate: (repositories: Repositories, errors: UserErrors) => Promise<Valid | undefined>,
    write: (repositories: Repositories, valid: Valid) => Promise<Payload>,
  ): Promise<Payload> {
    try {
      return await runMutation<Payload>(
        this.dataSource,
        requestOf(call),
        async (manager) => {
          // A new collection per attempt: a retried transaction must not report the mistakes twice.
          const errors = new UserErrors(foundBefore.list());
          const repositories = this.repositories(manager);
          const valid = await validate(repositories, errors);
          if (errors.any || valid === undefined) return steps.refused(errors.list());
          return write(repositories, valid);
        },
        (userError) => steps.refused([userError]),
      );
    } catch (error) {
      if (!steps.raceLost || !isUniqueViolation(error)) throw error;
      return steps.refused([steps.raceLost]);
    }
  }
}

function requestOf(call: MutationCall): IdempotentRequest {
  return { key: call.input.idempotencyKey, caller: call.auth.subject, operation: call.operation, input: call.input };
}

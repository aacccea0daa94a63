/** Why a mutation's input was refused; mirrors the `UserErrorCode` enum of the SDL. */
export type UserErrorCode = 'BLANK' | 'TOO_LONG' | 'INVALID' | 'OUT_OF_RANGE' | 'NOT_FOUND' | 'TAKEN';

/** A mistake in a mutation's input. Returned in the payload; nothing is written. */
export interface UserError {
  /** Path to the input field at fault, e.g. ['input', 'name']. */
  field: string[];
  message: string;
  code: UserErrorCode;
}

/** Collects user errors while a service validates an input, so the caller sees every mistake at once. */
export class UserErrors {
  private readonly errors: UserError[];

  /** Starts from errors found earlier, e.g. by checks made before a transaction. */
  constructor(found: readonly UserError[] = []) {
    this.errors = [...found];
  }

  add(field: string[], code: UserErrorCode, message: string): void {
    this.errors.push({ field, code, message });
  }

  /** True when no error touches this field, so dependent checks can run. */
  isClean(field: string[]): boolean {
    const key = field.join('.');
    return !this.errors.some((error) => error.field.join('.') === key);
  }

  get any(): boolean {
    return this.errors.length > 0;
  }

  list(): UserError[] {
    return [...this.errors];
  }
}

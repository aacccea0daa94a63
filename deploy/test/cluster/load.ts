import { signToken } from '@nlai/auth';

/** What a bounded load saw. */
export interface LoadReport {
  sent: number;
  succeeded: number;
  failed: number;
  /** The first few failures, for the assertion message. */
  failures: string[];
}

/** A GraphQL answer as the load judges it: 200 with data and no errors is a success. */
async function succeeded(response: Response): Promise<string | undefined> {
  const text = await response.text();
  if (response.status !== 200) return `HTTP ${response.status}: ${text.slice(0, 200)}`;
  const body = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (body.errors?.length || !body.data) return `errors: ${text.slice(0, 300)}`;
  return undefined;
}

/** Callers' tokens: a new subject every `perSubject` requests, so a per-caller rate limit never refuses the load. */
export function tokenSource(secret: string, scopes: string[], prefix: string, perSubject = 20): () => string {
  let used = perSubject;
  let subject = 0;
  let token = '';
  return () => {
    if (used >= perSubject) {
      subject += 1;
      used = 0;
      token = signToken({ secret, scopes, subject: `${prefix}-${subject}`, expiresInSeconds: 600 });
    }
    used += 1;
    return token;
  };
}

/**
 * A bounded read load: `connections` loops, each posting `query` to `url`
 * one request at a time with a short pause, until stopped or `maxRequests`
 * in all. Counts what is in flight, so a test can say how many requests a
 * killed replica could have been holding.
 */
export class ReadLoad {
  private running = false;
  private loops: Array<Promise<void>> = [];
  private report: LoadReport = { sent: 0, succeeded: 0, failed: 0, failures: [] };
  /** Requests sent and not yet answered. */
  inFlight = 0;

  constructor(
    private readonly url: string,
    private readonly query: string,
    private readonly token: () => string,
    private readonly options: { connections: number; pauseMs: number; maxRequests: number },
  ) {}

  start(): void {
    this.running = true;
    this.report = { sent: 0, succeeded: 0, failed: 0, failures: [] };
    this.loops = Array.from({ length: this.options.connections }, () => this.loop());
  }

  /** How many have been answered so far (successes and failures). */
  get answered(): number {
    return this.report.succeeded + this.report.failed;
  }

  private async loop(): Promise<void> {
    while (this.running && this.report.sent < this.options.maxRequests) {
      this.report.sent += 1;
      this.inFlight += 1;
      const failure = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token()}` },
        body: JSON.stringify({ query: this.query }),
        signal: AbortSignal.timeout(30_000),
      }).then(succeeded, (error: Error) => `${error.name}: ${error.message} ${String((error.cause as Error | undefined)?.message ?? '')}`);
      this.inFlight -= 1;
      if (failure === undefined) this.report.succeeded += 1;
      else {
        this.report.failed += 1;
        if (this.report.failures.length < 5) this.report.failures.push(failure);
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.pauseMs));
    }
  }

  /** Waits until at least `count` more requests have been answered (the load is really running). */
  async settle(count: number): Promise<void> {
    const target = this.answered + count;
    while (this.answered < target && this.running) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  async stop(): Promise<LoadReport> {
    this.running = false;
    await Promise.all(this.loops);
    return { ...this.report };
  }
}

/** Outcome of one logical write retried by its client. */
export interface WriteOutcome {
  /** Attempts it took (1: no retry). */
  attempts: number;
  /** The payload of the attempt that got through; undefined when every attempt failed. */
  data?: Record<string, unknown>;
}

/**
 * One write the way a careful client sends it: with an idempotency key, and
 * sent again with the same key when an attempt fails (no answer, a 5xx, or
 * errors without data), up to `attempts` times.
 */
export async function writeWithRetries(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  attempts = 8,
): Promise<WriteOutcome> {
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    }).then(
      async (response) =>
        response.status === 200 ? ((await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] }) : undefined,
      () => undefined,
    );
    if (answer?.data && !answer.errors?.length) return { attempts: attempt, data: answer.data };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { attempts };
}

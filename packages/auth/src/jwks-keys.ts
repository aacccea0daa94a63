import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * Public keys of a JSON Web Key Set, by `kid`. Fetched on first use, kept for
 * ten minutes, and fetched again early for an unknown `kid` (a rotated key),
 * at most once every 30 seconds so forged `kid`s cannot flood the issuer.
 */
export class JwksKeys {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly maxAgeMs = 10 * 60_000,
    private readonly minRefetchMs = 30_000,
    private readonly timeoutMs = 5_000,
  ) {}

  async get(kid: string): Promise<KeyObject | undefined> {
    const age = Date.now() - this.fetchedAt;
    if (age > this.maxAgeMs || (!this.keys.has(kid) && age > this.minRefetchMs)) await this.refresh();
    return this.keys.get(kid);
  }

  private refresh(): Promise<void> {
    this.pending ??= this.load().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async load(): Promise<void> {
    try {
      const response = await fetch(this.url, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) return;
      const { keys } = (await response.json()) as { keys?: Array<JsonWebKey & { kid?: string; use?: string }> };
      const loaded = new Map<string, KeyObject>();
      for (const jwk of keys ?? []) {
        if (!jwk.kid || (jwk.use && jwk.use !== 'sig')) continue;
        try {
          loaded.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
        } catch {
          // a key we cannot read is a key we do not trust
        }
      }
      this.keys = loaded;
    } catch {
      // unreachable issuer: keep the keys we had; unknown ones stay unknown
    } finally {
      this.fetchedAt = Date.now();
    }
  }
}

import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { SharedState } from '@nlai/shared-state';

/**
 * How long a registered query is kept in Redis, in seconds, when Apollo
 * gives no TTL: a day, so a client's hashes outlive a deploy, while
 * hashes no client sends any more leave Redis on their own.
 */
export const persistedQueryTtlSeconds = 24 * 60 * 60;

/** What the in-process cache holds at most, in bytes of query text (Apollo's own default is about 30 MB). */
const localCacheBytes = 8 * 1024 * 1024;

/**
 * Apollo Server's automatic persisted queries (APQ) kept in Redis, so a
 * hash registered through one gateway replica is known to every other.
 * Each replica also keeps what it saw in memory: a hash it knows costs no
 * round trip, and while Redis is down (see SharedState.attempt) the
 * replica still serves the hashes registered through it, as one gateway
 * alone does.
 */
export class SharedPersistedQueryCache implements KeyValueCache<string> {
  private readonly local = new InMemoryLRUCache<string>({ maxSize: localCacheBytes });
  private static readonly feature = 'persisted queries (each replica knows only the hashes registered through it)';

  constructor(private readonly shared: SharedState) {}

  async get(key: string): Promise<string | undefined> {
    const known = await this.local.get(key);
    if (known !== undefined) return known;
    const stored = await this.shared.attempt(
      SharedPersistedQueryCache.feature,
      async (redis) => (await redis.get(key)) ?? undefined,
      () => undefined,
    );
    if (stored !== undefined) await this.local.set(key, stored);
    return stored;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    await this.local.set(key, value, options);
    // Apollo: undefined means "not set" (our default applies), null or 0 "no TTL".
    const ttl = options?.ttl === undefined ? persistedQueryTtlSeconds : options.ttl;
    await this.shared.attempt(
      SharedPersistedQueryCache.feature,
      (redis) => (ttl ? redis.set(key, value, 'EX', ttl) : redis.set(key, value)),
      () => undefined,
    );
  }

  async delete(key: string): Promise<boolean> {
    const here = await this.local.delete(key);
    const there = await this.shared.attempt(
      SharedPersistedQueryCache.feature,
      async (redis) => (await redis.del(key)) > 0,
      () => false,
    );
    return here === true || there;
  }
}

import Redis from 'ioredis';

/** The two log levels shared state uses; pino's logger fits. */
export interface SharedStateLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** Options of {@link connectSharedState}. */
export interface SharedStateOptions {
  /** `redis://[user:password@]host:port[/db]`. */
  url: string;
  logger: SharedStateLogger;
  /** Prepended to every key, so services sharing one Redis never collide, e.g. `nlai:gateway:`. */
  keyPrefix: string;
  /** A command not answered within this many ms fails (and its caller degrades). Default: 250. */
  commandTimeoutMs?: number;
}

/**
 * What replicas of one service share through Redis. Every use goes through
 * {@link SharedState.attempt} with a fallback: Redis being down or slow
 * never fails a request, it degrades the feature (logged once per outage).
 */
export interface SharedState {
  /** The client. Commands fail at once while Redis is unreachable (no offline queue), or after the command timeout. */
  readonly redis: Redis;
  /** Whether Redis answered the last command (or connected since). */
  readonly available: boolean;
  /**
   * Runs `command`; when Redis is unreachable or fails, logs (once per outage)
   * that `feature` degrades and returns `fallback()` instead.
   */
  attempt<T>(feature: string, command: (redis: Redis) => Promise<T>, fallback: () => T | Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Connects to Redis in the background; the service starts whether or not Redis answers. */
export function connectSharedState(options: SharedStateOptions): SharedState {
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix,
    // Fail fast: a request must never wait for Redis to come back.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 250,
    connectTimeout: 1000,
    // Keep trying, at most every 2 s, for as long as the process lives.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: false,
  });
  let available = false;
  let reportedDown = false;
  const degraded = new Set<string>();
  const address = redactedAddress(options.url);
  const up = () => {
    if (reportedDown) options.logger.info({ redis: address }, 'shared state (Redis) reachable again: shared features restored');
    reportedDown = false;
    available = true;
    degraded.clear();
  };
  // Logged once per outage (and once at boot when Redis never answered), not per reconnect attempt.
  const down = (error?: unknown) => {
    if (!reportedDown)
      options.logger.warn(
        { redis: address, ...(error ? { err: error } : {}) },
        'shared state (Redis) unreachable: shared features degrade until it answers',
      );
    reportedDown = true;
    available = false;
  };
  redis.on('ready', up);
  // ioredis reports every failed reconnect as an error event; the state change is what is logged.
  redis.on('error', (error: unknown) => down(error));
  redis.on('end', () => down());
  redis.on('close', () => down());

  return {
    redis,
    get available() {
      return available;
    },
    async attempt(feature, command, fallback) {
      try {
        const result = await command(redis);
        if (!available) up();
        return result;
      } catch (error) {
        if (!degraded.has(feature)) {
          degraded.add(feature);
          options.logger.warn(
            { redis: address, feature, err: error },
            `shared state (Redis) unavailable: ${feature} degrades until it answers`,
          );
        }
        available = false;
        return fallback();
      }
    },
    async close() {
      redis.removeAllListeners();
      redis.on('error', () => undefined);
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** The URL without its password, for logs. */
function redactedAddress(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'redis (unparsable URL)';
  }
}

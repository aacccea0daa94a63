import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { AuthContext, Authenticator } from '@nlai/auth';
import type { RequestLimited } from '@nlai/http-server';
import type { SharedState } from '@nlai/shared-state';

/** Options of {@link rateLimiter}. */
export interface RateLimitOptions {
  /** Requests per caller per window; above 0. */
  requests: number;
  windowMs: number;
  /** Proxies whose X-Forwarded-For is believed. */
  trustedProxies: readonly string[];
}

/** A window's count for one caller, and how long until it resets. */
interface Hit {
  count: number;
  resetInMs: number;
}

/**
 * One round trip: counts the request in the caller's fixed window, starting
 * the window (its expiry) with the first one; returns the count and the
 * window's remaining ms.
 */
const hitScript = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

type RedisWithHit = SharedState['redis'] & { rateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

/** `::ffff:127.0.0.1` → `127.0.0.1`, so an address is the same however the socket reports it. */
function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * The client's address: the peer's, unless the peer is a trusted proxy;
 * then X-Forwarded-For is read from the right (each proxy appends its own
 * peer) and the nearest address that is not a trusted proxy is the client.
 * What an untrusted peer writes in the header is never believed.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  let address = plainAddress(request.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(address)) return address;
  const header = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index]!.trim();
    if (hop === '') continue;
    address = plainAddress(hop.slice(0, 64));
    if (!trustedProxies.has(address)) return address;
  }
  return address;
}

/**
 * Authenticates a request's Authorization header once, however many times
 * it is asked (the rate limiter, then the context), by the headers object
 * both get from node:http.
 */
export function authenticateOnce(authenticate: Authenticator): (headers: IncomingHttpHeaders) => Promise<AuthContext> {
  const known = new WeakMap<IncomingHttpHeaders, Promise<AuthContext>>();
  return (headers) => {
    let auth = known.get(headers);
    if (!auth) {
      auth = authenticate(headers.authorization);
      known.set(headers, auth);
    }
    return auth;
  };
}

/** Counts in this process alone: while Redis is down, or without it. */
function localCounter(windowMs: number) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = 0;
  return (key: string, now = Date.now()): Hit => {
    // Forget ended windows once per window, so callers seen once do not pile up.
    if (now >= nextSweep) {
      for (const [caller, window] of windows) if (window.resetAt <= now) windows.delete(caller);
      nextSweep = now + windowMs;
    }
    let window = windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetInMs: window.resetAt - now };
  };
}

/**
 * Per-caller rate limits for serveGraphQL's `limitRequest`: a fixed window
 * per caller (its token's subject when the request carries a valid token,
 * else its address), counted in Redis so the limit holds across every
 * gateway replica, one round trip per request. When Redis fails each
 * replica counts alone (the limit then holds per replica), logged once per
 * outage; without Redis (`shared` undefined) that is the only counter.
 */
export function rateLimiter(
  options: RateLimitOptions,
  authenticate: (headers: IncomingHttpHeaders) => Promise<AuthContext>,
  shared: SharedState | undefined,
): (request: IncomingMessage) => Promise<RequestLimited | undefined> {
  const trusted = new Set(options.trustedProxies.map(plainAddress));
  const countHere = localCounter(options.windowMs);
  if (shared) shared.redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: hitScript });
  const count = async (key: string): Promise<Hit> => {
    if (!shared) return countHere(key);
    return shared.attempt(
      'rate limits (each replica now enforces the limit alone)',
      async (redis) => {
        const [hits, resetInMs] = await (redis as RedisWithHit).rateLimitHit(`rate:${key}`, options.windowMs);
        return { count: hits, resetInMs };
      },
      () => countHere(key),
    );
  };
  const callerOf = async (request: IncomingMessage): Promise<string> => {
    if (request.headers.authorization) {
      // An invalid token is refused later, by the context; meanwhile it counts against the address that sent it.
      const auth = await authenticate(request.headers).catch(() => undefined);
      if (auth?.subject) return `subject:${auth.subject}`;
    }
    return `address:${clientAddress(request, trusted)}`;
  };
  return async (request) => {
    const { count: hits, resetInMs } = await count(await callerOf(request));
    if (hits <= options.requests) return undefined;
    const windowSeconds = Math.round(options.windowMs / 1000);
    return {
      retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)),
      message: `Too many requests: at most ${options.requests} per ${windowSeconds} s per caller; retry after the Retry-After seconds.`,
    };
  };
}

import { MemoryNonceStore, type NonceStore } from '@nlai/auth';
import type { ReplicaRouting } from '@nlai/database';
import type { SharedState } from '@nlai/shared-state';
import type { Logger } from '@nlai/http-server';

/**
 * Gateway-signature nonces shared by every replica of a subgraph: a signed
 * request is accepted once across all of them (`SET nonce:<n> 1 NX PXAT`).
 * Each nonce is also kept in this process's memory, so while Redis is down
 * a replay to this same process is still refused; replays to another
 * replica are then possible within the signature window (logged once).
 */
export class SharedNonceStore implements NonceStore {
  private readonly memory = new MemoryNonceStore();

  constructor(private readonly shared: SharedState) {}

  async claimOnce(nonce: string, expiresAtMs: number, now = Date.now()): Promise<boolean> {
    if (!(await this.memory.claimOnce(nonce, expiresAtMs, now))) return false;
    return this.shared.attempt(
      'gateway-signature nonces (a replay to another replica is possible within the signature window)',
      async (redis) => (await redis.set(`nonce:${nonce}`, '1', 'PXAT', expiresAtMs, 'NX')) === 'OK',
      () => true,
    );
  }
}

/**
 * Read-your-writes across the replicas of a subgraph. A write's GTID is
 * published (channel `nlai:<subgraph>:ryw`) before the mutation answers;
 * every process subscribes and keeps each caller's latest write in memory,
 * so a read costs no Redis round trip. Redis delivers a message to the
 * subscribers before it acknowledges the publish, so the caller's next
 * request finds it known everywhere.
 *
 * While this process is not subscribed (Redis down, or less than the write
 * memory since it subscribed, when it may have missed a write), every read
 * of a caller with a token subject goes to the primary; anonymous callers,
 * who cannot write, still read from replicas.
 */
export function shareWrites(routing: ReplicaRouting, shared: SharedState, channel: string, logger: Logger): () => Promise<void> {
  const subscriber = shared.redis.duplicate({ keyPrefix: '' });
  let subscribedAt = 0;
  let warned = false;
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).then(
      () => {
        subscribedAt = Date.now();
        if (warned) logger.info({ channel }, 'read-your-writes notices received again: signed-in callers read from replicas again');
        warned = false;
      },
      () => undefined,
    );
  });
  subscriber.on('close', () => {
    subscribedAt = 0;
    if (!warned)
      logger.warn(
        { channel },
        'read-your-writes notices unavailable (Redis): reads of signed-in callers go to the primary until Redis answers',
      );
    warned = true;
  });
  subscriber.on('error', () => undefined);
  subscriber.on('message', (_channel: string, message: string) => {
    try {
      const [caller, gtid, until] = JSON.parse(message) as [string, string, number];
      routing.rememberWrite(caller, gtid, until);
    } catch {
      // Not one of ours: ignored.
    }
  });
  routing.writesMayBeUnknown = () => subscribedAt === 0 || Date.now() - subscribedAt < routing.writeMemoryMs;
  routing.shareWrite = async (caller, gtid, until) => {
    await shared.attempt(
      'read-your-writes across replicas (signed-in callers read from the primary)',
      (redis) => redis.publish(channel, JSON.stringify([caller, gtid, until])),
      () => 0,
    );
  };
  return async () => {
    subscriber.removeAllListeners();
    subscriber.on('error', () => undefined);
    await subscriber.quit().catch(() => subscriber.disconnect());
  };
}

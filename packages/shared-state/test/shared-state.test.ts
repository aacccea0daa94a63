import { PrivateRedis } from '@nlai/testing';
import { connectSharedState, type SharedState } from '../src';

/** A logger that keeps what it was told. */
function recordingLogger() {
  const lines: Array<{ level: 'info' | 'warn'; message: string }> = [];
  return {
    lines,
    info: (_details: object, message: string) => void lines.push({ level: 'info', message }),
    warn: (_details: object, message: string) => void lines.push({ level: 'warn', message }),
  };
}

const until = async (condition: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('shared state in Redis', () => {
  const redis = new PrivateRedis();
  const logger = recordingLogger();
  let state: SharedState;

  beforeAll(async () => {
    await redis.start();
    state = connectSharedState({ url: redis.url, logger, keyPrefix: 'test:' });
    await until(() => state.available);
  });
  afterAll(async () => {
    await state.close();
    await redis.stop();
  });

  const counter = () =>
    state.attempt(
      'the counter',
      (client) => client.incr('counter'),
      () => -1,
    );

  it('runs commands in Redis, under its key prefix', async () => {
    expect(await counter()).toBe(1);
    expect(await counter()).toBe(2);
    expect(await state.redis.get('counter')).toBe('2');
  });

  it('answers with the fallback at once while Redis is down, says so once, and uses Redis again when it is back', async () => {
    await redis.stop('SIGKILL');
    await until(() => !state.available);
    const answers = await Promise.all([counter(), counter(), counter()]);
    expect(answers).toEqual([-1, -1, -1]);
    expect(logger.lines.filter((line) => line.level === 'warn' && line.message.includes('the counter degrades'))).toHaveLength(1);

    await redis.start();
    await until(() => state.available);
    // The restarted server kept nothing (in memory only): counting starts again.
    expect(await counter()).toBe(1);
    expect(logger.lines.some((line) => line.level === 'info' && line.message.includes('reachable again'))).toBe(true);
  });
});

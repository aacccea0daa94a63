import { UsageAggregator } from '../src/usage-aggregator';

const at = (iso: string) => Date.parse(iso);

describe('the usage aggregator', () => {
  it('counts per hour, client, version and coordinate, and empties on drain', () => {
    const aggregator = new UsageAggregator(100);
    aggregator.add('dashboard', '1.0', ['Query.labs', 'Lab.name'], 1, at('2026-11-30T07:10:00Z'));
    aggregator.add('dashboard', '1.0', ['Query.labs'], 1, at('2026-11-30T07:59:59Z'));
    aggregator.add('dashboard', '1.1', ['Query.labs'], 1, at('2026-11-30T07:20:00Z'));
    aggregator.add('dashboard', '1.0', ['Query.labs'], 1, at('2026-11-30T08:00:00Z'));
    const { records, dropped } = aggregator.drain();
    expect(dropped).toBe(0);
    expect(records).toEqual(
      expect.arrayContaining([
        { hour: '2026-11-30T07:00:00.000Z', client: 'dashboard', version: '1.0', coordinate: 'Query.labs', count: 2 },
        { hour: '2026-11-30T07:00:00.000Z', client: 'dashboard', version: '1.0', coordinate: 'Lab.name', count: 1 },
        { hour: '2026-11-30T07:00:00.000Z', client: 'dashboard', version: '1.1', coordinate: 'Query.labs', count: 1 },
        { hour: '2026-11-30T08:00:00.000Z', client: 'dashboard', version: '1.0', coordinate: 'Query.labs', count: 1 },
      ]),
    );
    expect(records).toHaveLength(4);
    expect(aggregator.drain()).toEqual({ records: [], dropped: 0 });
  });

  it('scales sampled uses by their weight, rounding to whole uses', () => {
    const aggregator = new UsageAggregator(100);
    for (let operation = 0; operation < 3; operation += 1) aggregator.add('app', '2', ['Query.lab'], 1 / 0.3);
    expect(aggregator.drain().records.map((record) => record.count)).toEqual([10]);
  });

  it('holds at most maxKeys keys: uses of new keys are dropped and counted, held keys still count, and it asks once to be drained', () => {
    const onFull = jest.fn();
    const aggregator = new UsageAggregator(2, onFull);
    const hour = at('2026-11-30T07:00:00Z');
    aggregator.add('app', '1', ['A.a', 'A.b'], 1, hour);
    aggregator.add('app', '1', ['A.c', 'A.d', 'A.a'], 1, hour);
    aggregator.add('other', '1', ['A.a'], 3, hour);
    expect(aggregator.size).toBe(2);
    expect(onFull).toHaveBeenCalledTimes(1);
    const drained = aggregator.drain();
    expect(drained.dropped).toBe(5);
    expect(drained.records.map((record) => [record.coordinate, record.count])).toEqual([
      ['A.a', 2],
      ['A.b', 1],
    ]);
    // Drained, it takes new keys again, and signals again when it fills again.
    aggregator.add('app', '1', ['B.a', 'B.b', 'B.c'], 1, hour);
    expect(aggregator.size).toBe(2);
    expect(onFull).toHaveBeenCalledTimes(2);
  });
});

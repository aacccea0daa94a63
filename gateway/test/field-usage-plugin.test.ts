import { ApolloServer, HeaderMap } from '@apollo/server';
import { anonymous } from '@nlai/auth';
import { createLogger } from '@nlai/http-server';
import type { GatewayContext } from '../src/context';
import { useFieldUsage, type UsageSink } from '../src/field-usage';
import type { UsageRecord } from '../src/usage-aggregator';

const typeDefs = `
  type Query { labs(first: Int): [Lab!]! }
  type Lab { id: ID! name: String! city: String }
`;
const resolvers = { Query: { labs: () => [{ id: '1', name: 'QUVA Lab', city: 'Amsterdam' }] } };
const context: GatewayContext = { auth: anonymous, authorization: undefined, requestId: 'test' };

/** An Apollo Server with the plugin, a sink that keeps what it is given, and a way to send requests as a client. */
function serverWith(options: { sampleRate?: number; maxKeys?: number; random?: () => number; sink?: UsageSink }) {
  const written: UsageRecord[][] = [];
  const logger = createLogger('gateway', 'silent');
  const warn = jest.spyOn(logger, 'warn');
  const error = jest.spyOn(logger, 'error');
  const sink = options.sink ?? { write: async (records: UsageRecord[]) => void written.push(records) };
  const apollo = new ApolloServer<GatewayContext>({ typeDefs, resolvers, plugins: [useFieldUsage({ ...options, sink, logger })] });
  const send = (query: string, client?: string, extra: Partial<GatewayContext> = {}) =>
    apollo.executeOperation(
      {
        query,
        http: {
          method: 'POST',
          search: '',
          body: {},
          headers: new HeaderMap(
            client
              ? [
                  ['apollographql-client-name', client],
                  ['apollographql-client-version', '3'],
                ]
              : [],
          ),
        },
      },
      { contextValue: { ...context, ...extra } },
    );
  return { apollo, send, written, warn, error };
}

const counts = (batches: UsageRecord[][]) =>
  Object.fromEntries(batches.flat().map((record) => [`${record.client} ${record.version} ${record.coordinate}`, record.count]));

describe('useFieldUsage', () => {
  it('writes what was counted when the server stops, per client and version, leaving out the boot-time warm-up', async () => {
    const { apollo, send, written } = serverWith({});
    await apollo.start();
    await send('{ labs(first: 1) { name } }', 'explorer');
    await send('{ labs { name city } }', 'explorer');
    await send('{ labs { id } }');
    await send('{ labs { id } }', 'explorer', { warmUp: true });
    expect(written).toEqual([]);
    await apollo.stop();
    expect(counts(written)).toEqual({
      'explorer 3 Query.labs': 2,
      'explorer 3 Query.labs(first:)': 1,
      'explorer 3 Lab.name': 2,
      'explorer 3 Lab.city': 1,
      'unknown unknown Query.labs': 1,
      'unknown unknown Lab.id': 1,
    });
  });

  it('records a sample of the operations, each counting for 1 / the rate', async () => {
    const draws = [0.1, 0.9, 0.2, 0.8];
    const { apollo, send, written } = serverWith({ sampleRate: 0.5, random: () => draws.shift()! });
    await apollo.start();
    for (let operation = 0; operation < 4; operation += 1) await send('{ labs { id } }', 'app');
    await apollo.stop();
    expect(counts(written)).toEqual({ 'app 3 Query.labs': 4, 'app 3 Lab.id': 4 });
  });

  it('drops uses beyond its bound, warns how many, and writes early to make room', async () => {
    const { apollo, send, written, warn } = serverWith({ maxKeys: 100 });
    await apollo.start();
    // Each client version is a key of its own: the 51st client's 2 coordinates find the 100 keys taken.
    for (let client = 0; client < 51; client += 1) await send('{ labs { id } }', `client-${client}`);
    await new Promise((done) => setImmediate(done));
    expect(written.map((batch) => batch.length)).toEqual([100]);
    expect(warn).toHaveBeenCalledWith({ dropped: 2 }, expect.stringContaining('the aggregator was full'));
    // Written, it has room again.
    await send('{ labs { id } }', 'client-51');
    await apollo.stop();
    expect(written.map((batch) => batch.length)).toEqual([100, 2]);
  });

  it('answers every request when the store fails, and logs the lost batch as an error', async () => {
    const failing: UsageSink = { write: async () => Promise.reject(new Error('disk full')) };
    const { apollo, send, error } = serverWith({ sink: failing });
    await apollo.start();
    const response = await send('{ labs { name } }', 'app');
    expect(response.body.kind === 'single' && response.body.singleResult.data).toEqual({ labs: [{ name: 'QUVA Lab' }] });
    await apollo.stop();
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ records: 2 }),
      'field usage: a batch could not be written to the usage store',
    );
  });
});

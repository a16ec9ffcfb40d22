import {
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionArgs,
} from 'graphql';
import { loadEnv } from '@app/config';
import { RateLimitedError } from '@app/domain';
import { liveOptions } from './live-options.js';

/**
 * A refusal before an operation runs over graphql-ws reaches the client as over HTTP: the code,
 * and a budget's wait in `retryAfter` (the formatter of onNext reads it from the refusal itself).
 */
describe('live options: refusals before an operation runs', () => {
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: { hello: { type: GraphQLString, resolve: () => 'hi' } },
    }),
  });
  const args = (): ExecutionArgs => ({
    schema,
    document: parse('{ hello }'),
    contextValue: {},
  });
  const options = (spend: () => Promise<void>) =>
    liveOptions(loadEnv({ NODE_ENV: 'production', DATA_DIR: '/tmp/unused' }), {
      authenticate: () => Promise.resolve({ refused: 'not in this test' }),
      spendQueryCost: spend,
      connections: { opened: () => undefined, closed: () => undefined, openFor: () => 0 },
    });

  it('answers a spent budget with RATE_LIMITED and the wait in retryAfter', async () => {
    const live = options(() => Promise.reject(new RateLimitedError('query budget spent', 7)));
    const result = await live.execute(args());
    const sent = live.onNext(null, '1', null, args(), result as never);
    expect(sent?.errors).toEqual([
      expect.objectContaining({
        message: 'query budget spent',
        extensions: { code: 'RATE_LIMITED', retryAfter: 7 },
      }),
    ]);
  });

  it('runs the operation when the budget allows it', async () => {
    const live = options(() => Promise.resolve());
    expect(await live.execute(args())).toEqual({ data: { hello: 'hi' } });
  });
});

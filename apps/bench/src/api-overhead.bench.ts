import { AuthService } from '@app/identity';
import { startBenchApp } from './bench-app.js';
import { closedLoopInThread, combined, type LoopFigures } from './load-loop.js';

export interface ApiOverheadFigures {
  bare: LoopFigures;
  graphql: LoopFigures;
  /** GraphQL's requests/s over the bare route's, round by round (a round of each, back to back) */
  roundRatios: number[];
  clients: number;
  seconds: number;
}

const CLIENTS = 8;
const ROUNDS = 6;
const ROUND_MS = 1_500;

/**
 * What Nest, Apollo, the guard, the tenant scope and the limits cost on the smallest request: an
 * authenticated `{ __typename }` through the whole GraphQL stack against the bare `/health/live`
 * route of the same server, in interleaved rounds. On a shared machine the load changes from one
 * second to the next: the ratio of each pair of rounds, run back to back, is steadier than the
 * ratio of the totals, and both are printed.
 */
export async function benchApiOverhead(url: string): Promise<ApiOverheadFigures> {
  const app = await startBenchApp(url);
  try {
    const base = await app.getUrl();
    const { token } = await app.get(AuthService).signUp({
      email: 'overhead@bench.local',
      password: 'bench-password-1',
      name: 'Bench',
      organizationName: 'Overhead',
    });
    // the clients run in a thread of their own: the figures are the server's, not the client's
    const bare = (ms: number) => closedLoopInThread(`${base}/health/live`, {}, CLIENTS, ms);
    const graphql = (ms: number) =>
      closedLoopInThread(
        `${base}/graphql`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ __typename }' }),
        },
        CLIENTS,
        ms,
      );
    // warm both paths (JIT, connection pool) before measuring
    await bare(500);
    await graphql(500);
    const bareRounds: LoopFigures[] = [];
    const graphqlRounds: LoopFigures[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      bareRounds.push(await bare(ROUND_MS));
      graphqlRounds.push(await graphql(ROUND_MS));
    }
    const seconds = (ROUNDS * ROUND_MS) / 1000;
    return {
      bare: combined(bareRounds, seconds),
      graphql: combined(graphqlRounds, seconds),
      roundRatios: graphqlRounds.map((g, i) => g.perSecond / bareRounds[i].perSecond),
      clients: CLIENTS,
      seconds,
    };
  } finally {
    await app.close();
  }
}

import {
  inRequestTurn,
  insideRequest,
  markRequestWrote,
  outsideRequestScope,
  requestHasWritten,
  runInRequestScope,
  statementTimeoutMs,
  STATEMENT_TIMEOUT_MS,
} from './request-scope.js';

/** A piece of work that runs until the test lets it finish. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('request scope', () => {
  it('runs the transactions of one request one at a time, first come first served', async () => {
    const order: string[] = [];
    let running = 0;
    let most = 0;
    const first = gate();
    await runInRequestScope(30_000, async () => {
      const work = (name: string, wait?: Promise<void>) =>
        inRequestTurn(async () => {
          running++;
          most = Math.max(most, running);
          order.push(name);
          await wait;
          running--;
        });
      const all = Promise.all([work('a', first.opened), work('b'), work('c')]);
      await Promise.resolve();
      expect(order).toEqual(['a']);
      first.open();
      await all;
    });
    expect(order).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
  });

  it('lets a transaction started inside a running one of the same request through', async () => {
    const result = await runInRequestScope(30_000, () =>
      inRequestTurn(() => inRequestTurn(() => Promise.resolve('nested'))),
    );
    expect(result).toBe('nested');
  });

  it('does not gate work outside a request (CLI, seeding)', async () => {
    const slow = gate();
    const outer = inRequestTurn(() => slow.opened);
    await expect(inRequestTurn(() => Promise.resolve(1))).resolves.toBe(1);
    slow.open();
    await outer;
    expect(statementTimeoutMs()).toBe(STATEMENT_TIMEOUT_MS);
  });

  it('refuses a transaction after the deadline, also one that was waiting its turn', async () => {
    const holder = gate();
    await runInRequestScope(1_000, async () => {
      expect(statementTimeoutMs()).toBeLessThanOrEqual(1_000);
      const running = inRequestTurn(() => holder.opened);
      const waiting = inRequestTurn(() => Promise.resolve('ran'));
      await expect(waiting).rejects.toMatchObject({ code: 'TIMEOUT' });
      await expect(inRequestTurn(() => Promise.resolve('ran'))).rejects.toMatchObject({
        code: 'TIMEOUT',
      });
      holder.open();
      await running;
    });
  });

  it('remembers that a request wrote, for that request only (read routing)', async () => {
    expect(insideRequest()).toBe(false);
    markRequestWrote(); // outside a request: nothing to remember
    expect(requestHasWritten()).toBe(false);
    await runInRequestScope(30_000, async () => {
      expect(insideRequest()).toBe(true);
      expect(requestHasWritten()).toBe(false);
      // marked inside one of its transactions, seen by the request's later ones
      await inRequestTurn(async () => markRequestWrote());
      expect(await inRequestTurn(async () => requestHasWritten())).toBe(true);
      // work handed off outside the request is no part of it
      expect(outsideRequestScope(() => insideRequest())).toBe(false);
    });
    await runInRequestScope(30_000, async () => expect(requestHasWritten()).toBe(false));
  });
});

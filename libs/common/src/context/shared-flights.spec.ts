import { MAX_SHARED_KEYS, SharedFlights } from './shared-flights.js';

/** A computation the test finishes by hand, counting how many were started. */
function gate() {
  const started: { finish: (value: string) => void; fail: (error: Error) => void }[] = [];
  const compute = () =>
    new Promise<string>((resolve, reject) => started.push({ finish: resolve, fail: reject }));
  return { started, compute };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedFlights', () => {
  it('runs at once when nothing runs, and shares the next computation among those who arrive meanwhile', async () => {
    const flights = new SharedFlights();
    const { started, compute } = gate();
    const first = flights.share('k', compute);
    expect(started).toHaveLength(1);
    const second = flights.share('k', compute);
    const third = flights.share('k', compute);
    // the running computation is never joined: the latecomers wait for one of their own
    expect(started).toHaveLength(1);
    started[0].finish('one');
    expect(await first).toBe('one');
    await tick();
    expect(started).toHaveLength(2);
    started[1].finish('two');
    expect(await second).toBe('two');
    expect(await third).toBe('two');
    expect(flights.joined).toBe(1);
    await tick();
    expect(started).toHaveLength(2);
    expect(flights.size).toBe(0);
  });

  it('a caller arriving once the queued computation started waits for the next one', async () => {
    const flights = new SharedFlights();
    const { started, compute } = gate();
    const a = flights.share('k', compute);
    const b = flights.share('k', compute);
    started[0].finish('a');
    await a;
    await tick();
    expect(started).toHaveLength(2); // b's computation runs now
    const c = flights.share('k', compute);
    started[1].finish('b');
    expect(await b).toBe('b');
    await tick();
    expect(started).toHaveLength(3);
    started[2].finish('c');
    expect(await c).toBe('c');
  });

  it('keeps keys apart, shares a failure with every sharer, and forgets a key once settled', async () => {
    const flights = new SharedFlights();
    const { started, compute } = gate();
    const one = flights.share('one', compute);
    const other = flights.share('other', compute);
    expect(started).toHaveLength(2);
    const late1 = flights.share('one', compute);
    const late2 = flights.share('one', compute);
    started[0].fail(new Error('first failed'));
    await expect(one).rejects.toThrow('first failed');
    await tick();
    started[2].fail(new Error('shared failure'));
    await expect(late1).rejects.toThrow('shared failure');
    await expect(late2).rejects.toThrow('shared failure');
    started[1].finish('other');
    expect(await other).toBe('other');
    await tick();
    expect(flights.size).toBe(0);
  });

  it('computes on its own beyond MAX_SHARED_KEYS keys in flight', async () => {
    const flights = new SharedFlights();
    const { started, compute } = gate();
    const all = Array.from({ length: MAX_SHARED_KEYS }, (_, i) => flights.share(`k${i}`, compute));
    expect(flights.size).toBe(MAX_SHARED_KEYS);
    const extra = flights.share('extra', compute);
    expect(flights.size).toBe(MAX_SHARED_KEYS);
    expect(started).toHaveLength(MAX_SHARED_KEYS + 1);
    for (const s of started) s.finish('done');
    await Promise.all([...all, extra]);
    await tick();
    expect(flights.size).toBe(0);
  });
});

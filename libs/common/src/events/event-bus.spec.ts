import { InProcessEventBus, type LiveEvent } from './event-bus.js';

describe('InProcessEventBus', () => {
  const event = (organizationId: string): LiveEvent => ({
    type: 'checkInAdded',
    organizationId,
    payload: { n: organizationId },
  });

  it('delivers the events that pass the filter, in order, and stops when the consumer returns', async () => {
    const bus = new InProcessEventBus();
    const mine = bus.subscribe((e) => e.organizationId === 'a');
    const pending = mine.next();
    await bus.publish(event('b'));
    await bus.publish(event('a'));
    await bus.publish(event('a'));
    expect((await pending).value).toEqual(event('a'));
    expect((await mine.next()).value).toEqual(event('a'));
    await mine.return!();
    await bus.publish(event('a'));
    expect(await mine.next()).toEqual({ value: undefined, done: true });
    await bus.onApplicationShutdown();
  });
});

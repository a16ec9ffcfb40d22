import type { Actor } from '@app/common';
import { SessionCache } from './session-cache.js';

const actor = (userId: string): Actor => ({ userId, organizationId: 'org-1', role: 'EDITOR' });
const LATER = Date.now() + 3_600_000;

describe('the session cache', () => {
  it('hands each request a copy: one naming its operation does not name another’s', () => {
    const cache = new SessionCache(2_000);
    const checked = actor('u1');
    cache.set('token', checked, LATER, cache.stamp());
    checked.operation = 'createTeam';
    const first = cache.get('token')!;
    first.operation = 'updateObjective';
    expect(cache.get('token')).toEqual(actor('u1'));
    expect(cache.get('token')).not.toBe(cache.get('token'));
  });

  it('keeps nothing from a check that a change of access overtook', () => {
    const cache = new SessionCache(2_000);
    const stamp = cache.stamp();
    void cache.changed('org-1', 'u1');
    cache.set('token', actor('u1'), LATER, stamp);
    expect(cache.get('token')).toBeNull();
  });

  it('forgets every session of a changed user, and only theirs', async () => {
    const cache = new SessionCache(2_000);
    cache.set('a', actor('u1'), LATER, cache.stamp());
    cache.set('b', { ...actor('u1'), organizationId: 'org-2' }, LATER, cache.stamp());
    cache.set('c', actor('u2'), LATER, cache.stamp());
    await cache.changed('org-1', 'u1');
    expect([cache.get('a'), cache.get('b'), cache.get('c')?.userId]).toEqual([null, null, 'u2']);
  });

  it('never trusts a token past its own expiry, and keeps nothing at 0', () => {
    const cache = new SessionCache(2_000);
    cache.set('expired', actor('u1'), Date.now() - 1, cache.stamp());
    expect(cache.get('expired')).toBeNull();
    const off = new SessionCache(0);
    off.set('token', actor('u1'), LATER, off.stamp());
    expect(off.get('token')).toBeNull();
  });
});

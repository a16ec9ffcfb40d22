import { ROLES } from '@app/database';
import { cappedRole } from './authenticator.js';

describe("an API token's role", () => {
  it.each([
    ['OWNER', 'VIEWER', 'EDITOR'],
    ['ADMIN', 'VIEWER', 'EDITOR'],
    ['EDITOR', 'VIEWER', 'EDITOR'],
    ['MEMBER', 'VIEWER', 'MEMBER'],
    ['VIEWER', 'VIEWER', 'VIEWER'],
  ] as const)('of a %s: READ acts as %s, WRITE as %s', (role, read, write) => {
    expect(cappedRole(role, 'READ')).toBe(read);
    expect(cappedRole(role, 'WRITE')).toBe(write);
  });

  it('is never above its creator’s role, and never ADMIN or OWNER', () => {
    for (const role of ROLES) {
      for (const scope of ['READ', 'WRITE'] as const) {
        expect(['ADMIN', 'OWNER']).not.toContain(cappedRole(role, scope));
      }
    }
  });
});

import { expectError, TestApp, type Session } from '../support/test-app.js';

const PASSWORD = 'correct horse battery';

interface Joined {
  token: string;
  userId: string;
  email: string;
}

const INVITE = `mutation($input: InviteMemberInput!) {
  inviteMember(input: $input) { inviteToken expiresAt member { role invitePending joinedAt user { id email name } } }
}`;
const ACCEPT = `mutation($input: AcceptInviteInput!) {
  acceptInvite(input: $input) { token user { id email name } organization { id slug } }
}`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { token organization { id slug } } }`;
const CHANGE_ROLE = `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role user { id } } }`;
const REMOVE = `mutation($userId: ID!) { removeMember(userId: $userId) }`;
const SETTINGS_FIELDS = `settings {
  unestimatedPoints
  statusMapping { status category }
  workTypeMapping { labels { name workType } issueTypes { name workType } fallback }
  horizonTargetMix { CORE ADJACENT TRANSFORMATIONAL }
  thresholds { drift outputHigh outcomeLow staleAfterHours }
  cadenceDays
}`;
const UPDATE_SETTINGS = `mutation($input: OrganizationSettingsInput!) {
  updateOrganizationSettings(input: $input) { id ${SETTINGS_FIELDS} }
}`;

describe('members, roles and organization settings over HTTP', () => {
  let app: TestApp;
  let owner: Session;
  let seq = 0;

  beforeAll(async () => {
    app = await TestApp.start();
    owner = await app.signUp('Members Inc');
  });
  afterAll(() => app.close());

  const email = (label: string) => `${label}-${++seq}-${Date.now()}@example.com`;

  /** Invites a new person with `role` into the organization of `by`, who accepts. */
  async function join(by: Session | Joined, role: string, label = role.toLowerCase()) {
    const address = email(label);
    const invite = await app.ok(INVITE, { input: { email: address, role } }, by.token);
    const accepted = await app.ok(
      ACCEPT,
      { input: { token: invite.inviteMember.inviteToken, password: PASSWORD, name: label } },
      undefined,
    );
    return {
      token: accepted.acceptInvite.token as string,
      userId: accepted.acceptInvite.user.id as string,
      email: address,
    };
  }

  const organizationOf = async (token: string) =>
    (await app.ok(`{ organization { id slug } }`, {}, token)).organization as {
      id: string;
      slug: string;
    };

  describe('invites', () => {
    it('an ADMIN invites; the invitee sets a password with the one-time token and is signed in', async () => {
      const admin = await join(owner, 'ADMIN');
      const address = email('newcomer');
      const res = await app.ok(
        INVITE,
        { input: { email: address.toUpperCase(), role: 'EDITOR', name: 'New Comer' } },
        admin.token,
      );
      expect(res.inviteMember.member).toEqual({
        role: 'EDITOR',
        invitePending: true,
        joinedAt: null,
        user: { id: expect.any(String), email: address, name: 'New Comer' },
      });
      const inviteToken = res.inviteMember.inviteToken as string;
      expect(inviteToken.length).toBeGreaterThan(20);
      expect(new Date(res.inviteMember.expiresAt).getTime()).toBeGreaterThan(Date.now());

      // Pending: the invitee cannot log in yet.
      expectError(
        await app.gql(LOG_IN, { input: { email: address, password: PASSWORD } }),
        'UNAUTHENTICATED',
      );

      const accepted = await app.ok(ACCEPT, {
        input: { token: inviteToken, password: PASSWORD },
      });
      expect(accepted.acceptInvite.organization.id).toBe(owner.organizationId);
      expect(accepted.acceptInvite.user.email).toBe(address);
      const me = await app.ok(
        `{ organization { id } members(first: 50) { nodes { role invitePending user { email } } } }`,
        {},
        accepted.acceptInvite.token,
      );
      expect(me.organization.id).toBe(owner.organizationId);
      expect(me.members.nodes).toContainEqual({
        role: 'EDITOR',
        invitePending: false,
        user: { email: address },
      });

      // The password it set works for logIn.
      const login = await app.ok(LOG_IN, { input: { email: address, password: PASSWORD } });
      expect(login.logIn.organization.id).toBe(owner.organizationId);
    });

    it('an invite token works once: reusing it is BAD_USER_INPUT', async () => {
      const address = email('once');
      const res = await app.ok(INVITE, { input: { email: address, role: 'MEMBER' } }, owner.token);
      const input = { token: res.inviteMember.inviteToken, password: PASSWORD };
      await app.ok(ACCEPT, { input });
      const error = expectError(await app.gql(ACCEPT, { input }), 'BAD_USER_INPUT');
      expect(error.extensions.fields).toEqual([
        { field: 'input.token', message: expect.stringMatching(/invalid, used or expired/) },
      ]);
    });

    it('a forged or mangled invite token is BAD_USER_INPUT', async () => {
      const res = await app.ok(
        INVITE,
        { input: { email: email('forged'), role: 'MEMBER' } },
        owner.token,
      );
      const real = res.inviteMember.inviteToken as string;
      const [org, user] = real.split('.');
      for (const token of [`${org}.${user}.not-the-secret`, 'garbage-garbage-garbage']) {
        expectError(
          await app.gql(ACCEPT, { input: { token, password: PASSWORD } }),
          'BAD_USER_INPUT',
        );
      }
      // the real one still works afterwards
      await app.ok(ACCEPT, { input: { token: real, password: PASSWORD } });
    });

    it('roles below ADMIN cannot invite (FORBIDDEN), and nothing is created', async () => {
      for (const role of ['EDITOR', 'MEMBER', 'VIEWER']) {
        const member = await join(owner, role);
        const address = email('refused');
        const error = expectError(
          await app.gql(INVITE, { input: { email: address, role: 'VIEWER' } }, member.token),
          'FORBIDDEN',
        );
        expect(error.message).toMatch(/ADMIN/);
        const list = await app.ok(
          `{ members(first: 200) { nodes { user { email } } } }`,
          {},
          owner.token,
        );
        expect(
          list.members.nodes.map((n: { user: { email: string } }) => n.user.email),
        ).not.toContain(address);
      }
    });

    it('inviting someone who is already a member is a CONFLICT', async () => {
      const member = await join(owner, 'MEMBER');
      expectError(
        await app.gql(INVITE, { input: { email: member.email, role: 'VIEWER' } }, owner.token),
        'CONFLICT',
      );
    });

    it('an ADMIN cannot invite an OWNER', async () => {
      const admin = await join(owner, 'ADMIN');
      expectError(
        await app.gql(INVITE, { input: { email: email('owner'), role: 'OWNER' } }, admin.token),
        'FORBIDDEN',
      );
    });

    it('an existing user joins a second organization with their existing password and then picks one at logIn', async () => {
      const address = email('multi');
      const first = await app.ok(
        `mutation($input: SignUpInput!) { signUp(input: $input) { token organization { id slug } } }`,
        {
          input: {
            email: address,
            password: PASSWORD,
            name: 'Multi',
            organizationName: 'First Org',
          },
        },
      );
      const firstOrg = first.signUp.organization as { id: string; slug: string };
      const invite = await app.ok(
        INVITE,
        { input: { email: address, role: 'EDITOR' } },
        owner.token,
      );
      const token = invite.inviteMember.inviteToken as string;

      // Someone else's password does not take over the account.
      const wrong = expectError(
        await app.gql(ACCEPT, { input: { token, password: 'not the password' } }),
        'BAD_USER_INPUT',
      );
      expect(wrong.extensions.fields?.[0].field).toBe('input.password');

      const accepted = await app.ok(ACCEPT, { input: { token, password: PASSWORD } });
      expect(accepted.acceptInvite.organization.id).toBe(owner.organizationId);

      const ambiguous = expectError(
        await app.gql(LOG_IN, { input: { email: address, password: PASSWORD } }),
        'BAD_USER_INPUT',
      );
      expect(ambiguous.extensions.fields?.[0].field).toBe('input.organizationSlug');
      expect(ambiguous.message).toContain(firstOrg.slug);
      expect(ambiguous.message).toContain(owner.slug);

      for (const org of [firstOrg, { id: owner.organizationId, slug: owner.slug }]) {
        const login = await app.ok(LOG_IN, {
          input: { email: address, password: PASSWORD, organizationSlug: org.slug },
        });
        expect(login.logIn.organization).toEqual(org);
        // the token is bound to that organization
        expect((await organizationOf(login.logIn.token)).id).toBe(org.id);
      }

      expectError(
        await app.gql(LOG_IN, {
          input: { email: address, password: PASSWORD, organizationSlug: 'no-such-org' },
        }),
        'BAD_USER_INPUT',
      );
    });
  });

  describe('logIn', () => {
    it('a wrong password and an unknown e-mail get the same UNAUTHENTICATED answer', async () => {
      const address = email('login');
      await app.ok(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
        input: { email: address, password: PASSWORD, name: 'L', organizationName: 'Login Org' },
      });
      const wrongPassword = expectError(
        await app.gql(LOG_IN, { input: { email: address, password: 'wrong password' } }),
        'UNAUTHENTICATED',
      );
      const unknownEmail = expectError(
        await app.gql(LOG_IN, { input: { email: email('nobody'), password: PASSWORD } }),
        'UNAUTHENTICATED',
      );
      expect(wrongPassword.message).toBe(unknownEmail.message);
      expect(wrongPassword.message).toBe('wrong e-mail or password');
    });
  });

  describe('roles', () => {
    it('an ADMIN cannot grant OWNER, nor change an OWNER', async () => {
      const admin = await join(owner, 'ADMIN');
      const editor = await join(owner, 'EDITOR');
      expectError(
        await app.gql(
          CHANGE_ROLE,
          { input: { userId: editor.userId, role: 'OWNER' } },
          admin.token,
        ),
        'FORBIDDEN',
      );
      expectError(
        await app.gql(
          CHANGE_ROLE,
          { input: { userId: owner.userId, role: 'VIEWER' } },
          admin.token,
        ),
        'FORBIDDEN',
      );
      expectError(await app.gql(REMOVE, { userId: owner.userId }, admin.token), 'FORBIDDEN');
      // but an ADMIN manages the roles below OWNER
      const changed = await app.ok(
        CHANGE_ROLE,
        { input: { userId: editor.userId, role: 'MEMBER' } },
        admin.token,
      );
      expect(changed.changeMemberRole).toEqual({ role: 'MEMBER', user: { id: editor.userId } });
    });

    it('a changed role takes effect at once for the member', async () => {
      const editor = await join(owner, 'EDITOR');
      const invite = { input: { email: email('x'), role: 'VIEWER' } };
      expectError(await app.gql(INVITE, invite, editor.token), 'FORBIDDEN');
      await app.ok(CHANGE_ROLE, { input: { userId: editor.userId, role: 'ADMIN' } }, owner.token);
      await app.ok(INVITE, invite, editor.token); // same token, new role
    });

    it('the last OWNER can be neither demoted nor removed (CONFLICT)', async () => {
      const solo = await app.signUp('Solo Owner');
      const demote = expectError(
        await app.gql(CHANGE_ROLE, { input: { userId: solo.userId, role: 'ADMIN' } }, solo.token),
        'CONFLICT',
      );
      expect(demote.message).toMatch(/at least one OWNER/);
      expectError(await app.gql(REMOVE, { userId: solo.userId }, solo.token), 'CONFLICT');
      expect(
        (await app.ok(`{ members(first: 5) { nodes { role } } }`, {}, solo.token)).members.nodes,
      ).toEqual([{ role: 'OWNER' }]);

      // With a second OWNER, the first may step down.
      const second = await join(solo, 'ADMIN');
      await app.ok(CHANGE_ROLE, { input: { userId: second.userId, role: 'OWNER' } }, solo.token);
      const stepped = await app.ok(
        CHANGE_ROLE,
        { input: { userId: solo.userId, role: 'ADMIN' } },
        solo.token,
      );
      expect(stepped.changeMemberRole.role).toBe('ADMIN');
      // ... and now the second one is the last OWNER
      expectError(
        await app.gql(
          CHANGE_ROLE,
          { input: { userId: second.userId, role: 'EDITOR' } },
          second.token,
        ),
        'CONFLICT',
      );
    });

    it('refuses a user id that is not one, naming the argument, before any query', async () => {
      const error = expectError(
        await app.gql(REMOVE, { userId: '42' }, owner.token),
        'BAD_USER_INPUT',
      );
      expect(error.extensions.fields).toEqual([{ field: 'userId', message: 'must be a user id' }]);
    });

    it('removing a member makes their token UNAUTHENTICATED at once', async () => {
      const member = await join(owner, 'MEMBER');
      expect((await organizationOf(member.token)).id).toBe(owner.organizationId);
      expect((await app.ok(REMOVE, { userId: member.userId }, owner.token)).removeMember).toBe(
        true,
      );
      const error = expectError(
        await app.gql(`{ organization { id } }`, {}, member.token),
        'UNAUTHENTICATED',
      );
      expect(error.message).toMatch(/no longer a member/);
      // and they can no longer log in to it
      expectError(
        await app.gql(LOG_IN, { input: { email: member.email, password: PASSWORD } }),
        'UNAUTHENTICATED',
      );
    });

    it('an unknown member id is NOT_FOUND, a malformed one BAD_USER_INPUT', async () => {
      expectError(
        await app.gql(
          CHANGE_ROLE,
          { input: { userId: '00000000-0000-4000-8000-000000000000', role: 'VIEWER' } },
          owner.token,
        ),
        'NOT_FOUND',
      );
      const error = expectError(
        await app.gql(CHANGE_ROLE, { input: { userId: 'nope', role: 'VIEWER' } }, owner.token),
        'BAD_USER_INPUT',
      );
      expect(error.extensions.fields?.[0].field).toBe('input.userId');
    });

    it("another organization's member cannot be changed or removed (NOT_FOUND)", async () => {
      const other = await app.signUp('Other Org');
      expectError(
        await app.gql(
          CHANGE_ROLE,
          { input: { userId: other.userId, role: 'VIEWER' } },
          owner.token,
        ),
        'NOT_FOUND',
      );
      expectError(await app.gql(REMOVE, { userId: other.userId }, owner.token), 'NOT_FOUND');
      expect((await organizationOf(other.token)).id).toBe(other.organizationId);
    });
  });

  describe('organization settings', () => {
    const settingsOf = async (token: string) =>
      (await app.ok(`{ organization { ${SETTINGS_FIELDS} } }`, {}, token)).organization.settings;

    it('a VIEWER (and an EDITOR) cannot update settings', async () => {
      const org = await app.signUp('Settings Roles');
      const before = await settingsOf(org.token);
      for (const role of ['VIEWER', 'EDITOR']) {
        const member = await join(org, role);
        expectError(
          await app.gql(UPDATE_SETTINGS, { input: { unestimatedPoints: 5 } }, member.token),
          'FORBIDDEN',
        );
      }
      expect(await settingsOf(org.token)).toEqual(before);
    });

    it('an ADMIN updates one part; the rest keeps its values', async () => {
      const org = await app.signUp('Settings Update');
      const admin = await join(org, 'ADMIN');
      const before = await settingsOf(org.token);
      expect(before.horizonTargetMix).toEqual({ CORE: 0.7, ADJACENT: 0.2, TRANSFORMATIONAL: 0.1 });
      const res = await app.ok(
        UPDATE_SETTINGS,
        { input: { horizonTargetMix: { CORE: 0.5, ADJACENT: 0.3, TRANSFORMATIONAL: 0.2 } } },
        admin.token,
      );
      expect(res.updateOrganizationSettings.settings).toEqual({
        ...before,
        horizonTargetMix: { CORE: 0.5, ADJACENT: 0.3, TRANSFORMATIONAL: 0.2 },
      });
      expect(await settingsOf(org.token)).toEqual(res.updateOrganizationSettings.settings);
      // Only the part given is stored; the rest keeps following the defaults.
      const [stored] = await app.db.transaction(
        { organizationId: org.organizationId, userId: org.userId },
        (em) => em.query(`SELECT settings FROM organizations`),
      );
      expect(Object.keys(stored.settings)).toEqual(['horizonTargetMix']);
    });

    it('refuses a horizon mix that does not sum to 1, naming input.horizonTargetMix, and changes nothing', async () => {
      const org = await app.signUp('Settings Mix');
      const before = await settingsOf(org.token);
      const error = expectError(
        await app.gql(
          UPDATE_SETTINGS,
          {
            input: {
              unestimatedPoints: 8,
              horizonTargetMix: { CORE: 0.5, ADJACENT: 0.2, TRANSFORMATIONAL: 0.1 },
            },
          },
          org.token,
        ),
        'BAD_USER_INPUT',
      );
      expect(error.extensions.fields).toEqual([
        { field: 'input.horizonTargetMix', message: expect.stringMatching(/must sum to 1/) },
      ]);
      expect(await settingsOf(org.token)).toEqual(before);
    });

    it('refuses out-of-range values with every field named, and changes nothing', async () => {
      const org = await app.signUp('Settings Range');
      const before = await settingsOf(org.token);
      const error = expectError(
        await app.gql(
          UPDATE_SETTINGS,
          {
            input: {
              unestimatedPoints: -1,
              thresholds: { drift: 2, outputHigh: 0.7, outcomeLow: 0.3, staleAfterHours: 0 },
              cadenceDays: 366,
            },
          },
          org.token,
        ),
        'BAD_USER_INPUT',
      );
      expect(error.extensions.fields?.map((f) => f.field).sort()).toEqual([
        'input.cadenceDays',
        'input.thresholds.drift',
        'input.thresholds.staleAfterHours',
        'input.unestimatedPoints',
      ]);
      expect(await settingsOf(org.token)).toEqual(before);
    });

    it('refuses an unknown status category or work type, and changes nothing', async () => {
      const org = await app.signUp('Settings Enum');
      const before = await settingsOf(org.token);
      const badCategory = await app.gql(
        UPDATE_SETTINGS,
        { input: { statusMapping: [{ status: 'Blocked', category: 'WAITING' }] } },
        org.token,
      );
      expectError(badCategory, 'BAD_USER_INPUT');
      expect(badCategory.errors![0].message).toMatch(/WAITING/);
      const badWorkType = await app.gql(
        UPDATE_SETTINGS,
        { input: { workTypeMapping: { labels: [], issueTypes: [], fallback: 'OTHER' } } },
        org.token,
      );
      expectError(badWorkType, 'BAD_USER_INPUT');
      expect(await settingsOf(org.token)).toEqual(before);
    });

    it('a changed work-type mapping re-derives the work type of existing tickets', async () => {
      const org = await app.signUp('Settings Rederive');
      const tickets: [string, string[], string, string][] = [
        // key, labels, type, work type under the default mapping
        ['T-1', ['tech-debt'], 'Story', 'TECH_DEBT'],
        ['T-2', [], 'Bug', 'BUG'],
        ['T-3', ['customer'], 'Task', 'MAINTENANCE'],
        ['T-4', [], 'Story', 'NEW_VALUE'],
        ['T-5', ['Customer', 'refactor'], 'Bug', 'TECH_DEBT'],
      ];
      await app.db.transaction(
        { organizationId: org.organizationId, userId: org.userId },
        async (em) => {
          for (const [key, labels, type, workType] of tickets) {
            await em.query(
              `INSERT INTO tickets (organization_id, external_key, title, type, labels, work_type, status_category, raw_status)
               VALUES ($1, $2, $2, $3, $4, $5, 'TODO', 'To Do')`,
              [org.organizationId, key, type, labels, workType],
            );
          }
        },
      );
      // Another organization's tickets must not be touched.
      await app.db.transaction(
        { organizationId: owner.organizationId, userId: owner.userId },
        (em) =>
          em.query(
            `INSERT INTO tickets (organization_id, external_key, title, type, labels, work_type, status_category)
           VALUES ($1, 'OTHER-1', 'x', 'Task', '{customer}', 'MAINTENANCE', 'TODO')`,
            [owner.organizationId],
          ),
      );

      await app.ok(
        UPDATE_SETTINGS,
        {
          input: {
            workTypeMapping: {
              labels: [{ name: 'CUSTOMER', workType: 'NEW_VALUE' }],
              issueTypes: [{ name: 'bug', workType: 'BUG' }],
              fallback: 'TECH_DEBT',
            },
          },
        },
        org.token,
      );

      const workTypes = async (organizationId: string, userId: string) =>
        Object.fromEntries(
          (
            await app.db.transaction({ organizationId, userId }, (em) =>
              em.query(`SELECT external_key, work_type FROM tickets ORDER BY external_key`),
            )
          ).map((r: { external_key: string; work_type: string }) => [r.external_key, r.work_type]),
        );
      expect(await workTypes(org.organizationId, org.userId)).toEqual({
        'T-1': 'TECH_DEBT', // no label matches any more: the fallback
        'T-2': 'BUG',
        'T-3': 'NEW_VALUE', // label, case-insensitive
        'T-4': 'TECH_DEBT', // Story is no longer mapped: the fallback
        'T-5': 'NEW_VALUE', // a label wins over the issue type
      });
      expect(await workTypes(owner.organizationId, owner.userId)).toEqual({
        'OTHER-1': 'MAINTENANCE',
      });
    });

    it('a changed status mapping re-derives the status category of existing tickets', async () => {
      const org = await app.signUp('Settings Status');
      await app.db.transaction({ organizationId: org.organizationId, userId: org.userId }, (em) =>
        em.query(
          `INSERT INTO tickets (organization_id, external_key, title, work_type, status_category, raw_status)
           VALUES ($1, 'S-1', 'x', 'BUG', 'TODO', 'Ready for QA'), ($1, 'S-2', 'y', 'BUG', 'DONE', 'Done')`,
          [org.organizationId],
        ),
      );
      await app.ok(
        UPDATE_SETTINGS,
        { input: { statusMapping: [{ status: 'ready for qa', category: 'IN_PROGRESS' }] } },
        org.token,
      );
      const rows = await app.db.transaction(
        { organizationId: org.organizationId, userId: org.userId },
        (em) => em.query(`SELECT external_key, status_category FROM tickets ORDER BY 1`),
      );
      expect(rows).toEqual([
        { external_key: 'S-1', status_category: 'IN_PROGRESS' },
        { external_key: 'S-2', status_category: 'DONE' }, // unmapped now: keeps its category
      ]);
    });
  });
});

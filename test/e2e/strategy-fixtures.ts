import { randomUUID } from 'node:crypto';
import { strategySnapshot } from '../support/strategy-snapshot.js';
import type { TestApp, Session } from '../support/test-app.js';

/** Row count and content hash of every strategy table of one organization. */
export function snapshot(app: TestApp, organizationId: string) {
  return strategySnapshot(app.db, organizationId);
}

/** A member of the owner's organization with the given role; returns their token. */
export async function tokenFor(app: TestApp, owner: Session, role: string): Promise<string> {
  const invite = await app.ok(
    `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteToken } }`,
    { input: { email: `${role.toLowerCase()}-${randomUUID()}@example.com`, role } },
    owner.token,
  );
  const accepted = await app.ok(
    `mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { token } }`,
    { input: { token: invite.inviteMember.inviteToken, password: 'correct horse battery' } },
  );
  return accepted.acceptInvite.token;
}

/** Builds strategy rows over the API for one session; each method returns the new id. */
export class Builder {
  constructor(
    private readonly app: TestApp,
    private readonly token: string,
  ) {}

  private async create(mutation: string, inputType: string, input: Record<string, unknown>) {
    const data = await this.app.ok(
      `mutation($input: ${inputType}!) { ${mutation}(input: $input) { id } }`,
      { input },
      this.token,
    );
    return data[mutation].id as string;
  }

  /** A DRAFT cycle; `state: 'ACTIVE'` locks it after creating it (lockCycle, the only way). */
  async cycle(key: string, { state, ...extra }: Record<string, unknown> = {}) {
    const id = await this.create('createCycle', 'CreateCycleInput', {
      key,
      name: key,
      startDate: '2027-01-01',
      endDate: '2027-03-31',
      ...extra,
    });
    if (state === 'ACTIVE') {
      await this.app.ok(
        `mutation($key: String!) { lockCycle(cycleKey: $key) { id } }`,
        { key },
        this.token,
      );
    }
    return id;
  }

  team(key: string, extra: Record<string, unknown> = {}) {
    return this.create('createTeam', 'CreateTeamInput', { key, name: key, ...extra });
  }

  goal(key: string, extra: Record<string, unknown> = {}) {
    return this.create('createStrategicGoal', 'CreateStrategicGoalInput', {
      key,
      title: key,
      ...extra,
    });
  }

  objective(key: string, cycleId: string, extra: Record<string, unknown> = {}) {
    return this.create('createObjective', 'CreateObjectiveInput', {
      key,
      cycleId,
      title: key,
      ...extra,
    });
  }

  keyResult(key: string, objectiveId: string, extra: Record<string, unknown> = {}) {
    return this.create('createKeyResult', 'CreateKeyResultInput', {
      key,
      objectiveId,
      title: key,
      kind: 'NUMERIC',
      start: 0,
      target: 10,
      ...extra,
    });
  }

  link(input: Record<string, unknown>) {
    return this.create('linkObjective', 'LinkObjectiveInput', input);
  }
}

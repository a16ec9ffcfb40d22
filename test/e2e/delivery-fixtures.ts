import { deliverySnapshot } from '../support/delivery-snapshot.js';
import type { TestApp, Session } from '../support/test-app.js';

/** Test data for one organization, created through the API as its owner. */
export class DeliveryFixtures {
  private members = 0;

  constructor(
    readonly app: TestApp,
    readonly owner: Session,
  ) {}

  static async signUp(app: TestApp, name = 'Acme'): Promise<DeliveryFixtures> {
    return new DeliveryFixtures(app, await app.signUp(name));
  }

  /** Runs a create mutation as the owner and returns the new row's id. */
  private async create(mutation: string, inputType: string, input: object): Promise<string> {
    const data = await this.app.ok(
      `mutation($input: ${inputType}!) { ${mutation}(input: $input) { id } }`,
      { input },
      this.owner.token,
    );
    return data[mutation].id;
  }

  team(key: string, name = `Team ${key}`): Promise<string> {
    return this.create('createTeam', 'CreateTeamInput', { key, name, capacity: 20 });
  }

  cycle(key: string, startDate = '2027-01-01', endDate = '2027-03-31'): Promise<string> {
    return this.create('createCycle', 'CreateCycleInput', {
      key,
      name: `Cycle ${key}`,
      startDate,
      endDate,
    });
  }

  objective(key: string, cycleId: string): Promise<string> {
    return this.create('createObjective', 'CreateObjectiveInput', {
      key,
      cycleId,
      title: `Objective ${key}`,
    });
  }

  keyResult(key: string, objectiveId: string): Promise<string> {
    return this.create('createKeyResult', 'CreateKeyResultInput', {
      key,
      objectiveId,
      title: `Key result ${key}`,
      kind: 'NUMERIC',
      start: 0,
      target: 10,
    });
  }

  /** A sprint of a team, by the API (two weeks from 2027-01-04 unless `extra` says otherwise). */
  async sprint(
    key: string,
    teamId: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; key: string }> {
    const data = await this.app.ok(
      `mutation($input: CreateSprintInput!) { createSprint(input: $input) { id key } }`,
      {
        input: {
          key,
          teamId,
          name: `Sprint ${key}`,
          startDate: '2027-01-04',
          endDate: '2027-01-17',
          ...extra,
        },
      },
      this.owner.token,
    );
    return data.createSprint;
  }

  /** Moves a FUTURE sprint to ACTIVE: the only way a sprint becomes active. */
  async startSprint(key: string): Promise<void> {
    await this.app.ok(
      `mutation($key: String!) { startSprint(key: $key) { key } }`,
      { key },
      this.owner.token,
    );
  }

  async initiative(key: string, extra: Record<string, unknown> = {}): Promise<string> {
    const data = await this.app.ok(
      `mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { id } }`,
      { input: { key, title: `Initiative ${key}`, ...extra } },
      this.owner.token,
    );
    return data.createInitiative.id;
  }

  async ticket(externalKey: string, extra: Record<string, unknown> = {}): Promise<string> {
    const data = await this.app.ok(
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`,
      { input: { externalKey, title: `Ticket ${externalKey}`, statusCategory: 'TODO', ...extra } },
      this.owner.token,
    );
    return data.createTicket.id;
  }

  /** A token of a new member with `role`, through invite and accept. */
  async memberToken(role: 'ADMIN' | 'EDITOR' | 'MEMBER' | 'VIEWER'): Promise<string> {
    const n = ++this.members;
    const invited = await this.app.ok(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteToken } }`,
      { input: { email: `${role.toLowerCase()}${n}-${Date.now()}@example.com`, role } },
      this.owner.token,
    );
    const accepted = await this.app.ok(
      `mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { token } }`,
      { input: { token: invited.inviteMember.inviteToken, password: 'correct horse battery' } },
    );
    return accepted.acceptInvite.token;
  }

  /** Every delivery row of the organization, to compare before and after a refused write. */
  snapshot(): Promise<Record<string, unknown[]>> {
    return deliverySnapshot(this.app.db, this.owner);
  }
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './schema-walk.js';
import type { Pools } from './values.js';

/** GraphQL over HTTP; throws with the errors when there are any. */
export async function gqlAt<T = any>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: T; errors?: unknown[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`HTTP ${res.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

/** demo/plan.yaml or demo/jira.csv, the demo organization's files. */
export function demoText(name: 'plan.yaml' | 'jira.csv'): string {
  return readFileSync(join(projectRoot(), 'demo', name), 'utf8');
}

export interface Owner {
  token: string;
  userId: string;
  organizationId: string;
  slug: string;
}

const AUTH_FIELDS = 'token user { id } organization { id slug }';

function owner(payload: {
  token: string;
  user: { id: string };
  organization: { id: string; slug: string };
}): Owner {
  return {
    token: payload.token,
    userId: payload.user.id,
    organizationId: payload.organization.id,
    slug: payload.organization.slug,
  };
}

/** Signs up a new organization (one sign-up per organization: sign-ups may be rate limited). */
export async function signUpAt(
  baseUrl: string,
  organizationName: string,
  email: string,
): Promise<Owner> {
  const data = await gqlAt(
    baseUrl,
    `mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`,
    { input: { email, password: 'correct horse battery', name: 'Owner', organizationName } },
  );
  return owner(data.signUp);
}

export async function logInAt(baseUrl: string, email: string, password: string): Promise<Owner> {
  const data = await gqlAt(
    baseUrl,
    `mutation($input: LogInInput!) { logIn(input: $input) { ${AUTH_FIELDS} } }`,
    { input: { email, password } },
  );
  return owner(data.logIn);
}

/** Imports a plan file and a Jira CSV as the owner; fails on any problem of the plan. */
export async function importFiles(
  baseUrl: string,
  token: string,
  plan: string,
  csv: string,
): Promise<void> {
  const imported = await gqlAt(
    baseUrl,
    `mutation($yaml: String!) { importPlan(yaml: $yaml) { applied problems { path message } } }`,
    { yaml: plan },
    token,
  );
  if (!imported.importPlan.applied) {
    throw new Error(`the plan did not import: ${JSON.stringify(imported.importPlan.problems)}`);
  }
  await gqlAt(
    baseUrl,
    `mutation($data: String!) { importTickets(format: JIRA_CSV, data: $data) { created } }`,
    { data: csv },
    token,
  );
}

/** Invites a member with this role; the new member's user id. */
export async function inviteAt(
  baseUrl: string,
  token: string,
  email: string,
  role = 'VIEWER',
): Promise<string> {
  const data = await gqlAt(
    baseUrl,
    `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { member { user { id } } } }`,
    { input: { email, role } },
    token,
  );
  return data.inviteMember.member.user.id;
}

type Node = Record<string, any>;

/** Every node of a paginated list query (`field(first: 200, after: ...) { nodes {...} pageInfo }`). */
async function allPages(
  baseUrl: string,
  token: string,
  field: string,
  args: string,
  selection: string,
): Promise<Node[]> {
  const out: Node[] = [];
  let after: string | null = null;
  for (;;) {
    const data: any = await gqlAt(
      baseUrl,
      `query($after: String) { ${field}(first: 200, after: $after${args ? `, ${args}` : ''}) {
        nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`,
      { after },
      token,
    );
    out.push(...data[field].nodes);
    if (!data[field].pageInfo.hasNextPage) return out;
    after = data[field].pageInfo.endCursor;
  }
}

export interface OrganizationData {
  pools: Pools;
  /** every id the organization's owner can read: a leak check looks for these */
  ids: Set<string>;
}

/**
 * The real ids and keys of the owner's organization, read through the API. `user` holds the
 * other members only, so a generated `changeMemberRole` or `removeMember` never locks the
 * owner out of the organization under test.
 */
export async function readOrganization(
  baseUrl: string,
  token: string,
  ownerId: string,
): Promise<OrganizationData> {
  const list = (field: string, args: string, selection: string) =>
    allPages(baseUrl, token, field, args, selection);
  const [cycles, teams, sprints, goals, archivedGoals, kpis, objectives, keyResults] =
    await Promise.all([
      list('cycles', 'includeArchived: true', 'id key state archivedAt'),
      list('teams', 'includeArchived: true', 'id key archivedAt'),
      list('sprints', 'includeArchived: true', 'id key externalId state archivedAt'),
      list('strategicGoals', '', 'id key'),
      list('strategicGoals', 'status: ARCHIVED', 'id key'),
      list('kpis', 'includeArchived: true', 'id key archivedAt checkIns { nodes { id } }'),
      list('objectives', '', 'id key status cycle { state } alignsTo { id }'),
      list(
        'keyResults',
        'includeArchived: true',
        'id key archivedAt objective { status cycle { state } } checkIns { nodes { id } }',
      ),
    ]);
  const archivedObjectives = await list(
    'objectives',
    'status: ARCHIVED',
    'id key status cycle { state } alignsTo { id }',
  );
  const initiatives = await list(
    'initiatives',
    'includeArchived: true',
    'id key externalKey status archivedAt supports { id } blockedBy { id }',
  );
  const tickets = await list('tickets', 'includeArchived: true', 'id key externalId archivedAt');
  const members = await list('members', '', 'user { id }');
  const apiTokens = await list('apiTokens', 'includeRevoked: true', 'id');
  const audited = (await list('auditLog', '', 'entityId')).filter((e) => e.entityId);
  // scenarios live in DRAFT cycles (a handful each): read per cycle
  const scenarios: Node[] = [];
  for (const cycle of cycles.filter((c) => c.state === 'DRAFT')) {
    const found = await gqlAt(
      baseUrl,
      `query($k: String!) { scenarios(cycleKey: $k) { id } }`,
      { k: cycle.key },
      token,
    );
    scenarios.push(...((found.scenarios as Node[] | undefined) ?? []));
  }
  const organization = await gqlAt(
    baseUrl,
    '{ organization { id } vision { id } ticketSources { id } }',
    {},
    token,
  );

  // Live rows first (ACTIVE cycles and sprints, unarchived rows, key results of active objectives
  // in the active cycle): the first of each pool is the valid value, and an archived or closed one
  // would stop most operations before the value under test matters.
  const live = (rank: (n: Node) => number) => (a: Node, b: Node) => rank(a) - rank(b);
  const state = (order: string[]) => (n: Node) =>
    (n.archivedAt ? 10 : 0) + Math.max(0, order.indexOf(n.state ?? n.status));
  cycles.sort(live(state(['ACTIVE', 'DRAFT', 'CLOSED'])));
  sprints.sort(live(state(['ACTIVE', 'FUTURE', 'CLOSED'])));
  teams.sort(live(state([])));
  kpis.sort(live(state([])));
  tickets.sort(live(state([])));
  initiatives.sort(live(state(['IN_PROGRESS', 'PLANNED', 'PROPOSED', 'DONE', 'CANCELLED'])));
  const inActiveCycle = (o: Node) => (o.status === 'ACTIVE' && o.cycle?.state === 'ACTIVE' ? 0 : 1);
  objectives.sort(live(inActiveCycle));
  keyResults.sort(live((k) => (k.archivedAt ? 10 : 0) + inActiveCycle(k.objective)));
  const allObjectives = [...objectives, ...archivedObjectives];
  const allGoals = [...goals, ...archivedGoals];
  const ids = (nodes: Node[]) => nodes.map((n) => n.id as string);
  const keys = (nodes: Node[]) => nodes.map((n) => n.key as string);
  const pools: Pools = {
    ids: {
      cycle: ids(cycles),
      team: ids(teams),
      sprint: ids(sprints),
      goal: ids(allGoals),
      kpi: ids(kpis),
      objective: ids(allObjectives),
      keyResult: ids(keyResults),
      initiative: ids(initiatives),
      ticket: ids(tickets),
      user: members.map((m) => m.user.id as string).filter((id) => id !== ownerId),
      objectiveLink: allObjectives.flatMap((o) => ids(o.alignsTo)),
      initiativeLink: initiatives.flatMap((i) => ids(i.supports)),
      initiativeDependency: initiatives.flatMap((i) => ids(i.blockedBy)),
      apiToken: ids(apiTokens),
      ticketSource: ids(organization.ticketSources ?? []),
      scenario: ids(scenarios),
      auditEntity: audited.map((e) => e.entityId as string),
    },
    keys: {
      cycle: keys(cycles),
      team: keys(teams),
      sprint: keys(sprints),
      goal: keys(allGoals),
      kpi: keys(kpis),
      objective: keys(allObjectives),
      keyResult: keys(keyResults),
      initiative: keys(initiatives),
      ticket: keys(tickets),
      epic: initiatives.map((i) => i.externalKey as string | null).filter((k): k is string => !!k),
      sourceId: [...tickets, ...sprints]
        .map((n) => n.externalId as string | null)
        .filter((k): k is string => !!k),
    },
  };
  const every = new Set<string>([
    organization.organization.id,
    organization.vision.id,
    ownerId,
    ...members.map((m) => m.user.id as string),
    ...kpis.flatMap((k) => ids(k.checkIns.nodes)),
    ...keyResults.flatMap((k) => ids(k.checkIns.nodes)),
  ]);
  for (const list of Object.values(pools.ids)) for (const id of list ?? []) every.add(id);
  return { pools, ids: every };
}

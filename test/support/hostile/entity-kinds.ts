/**
 * What an id or key argument points at, guessed from its name and where it sits, so the
 * generators can hand it a real one. `null` from `entityOf` means the name is an id or key the
 * generators do not understand: the cross-tenant test lists those instead of skipping them.
 */
export type EntityKind =
  | 'cycle'
  | 'team'
  | 'sprint'
  | 'objective'
  | 'keyResult'
  | 'goal'
  | 'kpi'
  | 'initiative'
  | 'epic'
  | 'ticket'
  | 'user'
  | 'objectiveLink'
  | 'initiativeLink'
  | 'initiativeDependency'
  | 'apiToken'
  | 'ticketSource'
  /** a what-if of a DRAFT cycle's plan */
  | 'scenario'
  /** an id the audit log names as an entry's entity */
  | 'auditEntity'
  /** a ticket's or sprint's own id in its source (externalId) */
  | 'sourceId';

export const ENTITY_KINDS: EntityKind[] = [
  'cycle',
  'team',
  'sprint',
  'objective',
  'keyResult',
  'goal',
  'kpi',
  'initiative',
  'epic',
  'ticket',
  'user',
  'objectiveLink',
  'initiativeLink',
  'initiativeDependency',
  'apiToken',
  'ticketSource',
  'scenario',
  'auditEntity',
  'sourceId',
];

/** Is this argument or input field an id or a key (id, key, *Id, *Key, *Ids, *Keys)? */
export function isIdOrKey(name: string): boolean {
  return /^(id|key|ids|keys)$|[a-z](Id|Key|Ids|Keys)$/.test(name);
}

/** Whether the name is a key (sent as a String) rather than an id (an ID). */
export function isKeyName(name: string): boolean {
  return /^keys?$|Keys?$/.test(name);
}

/** Entity names as they appear in operation and input type names, longest first. */
const NAMED: [string, EntityKind][] = [
  // compareScenarios, forkScenario, ...: about scenarios (before 'cycle', 'initiative', 'team')
  ['scenario', 'scenario'],
  ['apitoken', 'apiToken'],
  // before 'ticket': createTicketSource, syncTicketSource, ... are about sources
  ['ticketsource', 'ticketSource'],
  ['deadletter', 'ticketSource'],
  ['strategicgoal', 'goal'],
  ['keyresult', 'keyResult'],
  ['objective', 'objective'],
  ['initiative', 'initiative'],
  ['ticket', 'ticket'],
  ['sprint', 'sprint'],
  ['cycle', 'cycle'],
  ['team', 'team'],
  ['kpi', 'kpi'],
  ['member', 'user'],
  ['goal', 'goal'],
];

/** The prefix of *Id / *Key names (objectiveId, fromCycleKey, sprintKeys) to the entity. */
const PREFIXES: Record<string, EntityKind> = {
  cycle: 'cycle',
  fromCycle: 'cycle',
  toCycle: 'cycle',
  team: 'team',
  sprint: 'sprint',
  objective: 'objective',
  parentObjective: 'objective',
  keyResult: 'keyResult',
  goal: 'goal',
  strategicGoal: 'goal',
  kpi: 'kpi',
  initiative: 'initiative',
  // addInitiativeDependency(blockedById): the blocker is an initiative
  blockedBy: 'initiative',
  ticket: 'ticket',
  user: 'user',
  epic: 'epic',
  parent: 'ticket',
  // ticket(key, sourceId), explainTicket, parentSourceId: the live source a ticket key is in
  source: 'ticketSource',
  parentSource: 'ticketSource',
  // auditLog(entityId): the id of a row the log has an entry for
  entity: 'auditEntity',
  // compareScenarios(scenarioIds), forkScenario(fromScenarioId)
  scenario: 'scenario',
  fromScenario: 'scenario',
};

/** The entity an operation or input type is about (`UpdateKpiInput` -> kpi, `unlinkObjective` -> objectiveLink). */
function entityOfParent(parent: string): EntityKind | null {
  const lower = parent.toLowerCase();
  if (/^unlink(objective|initiative)$/.test(lower)) {
    return lower === 'unlinkobjective' ? 'objectiveLink' : 'initiativeLink';
  }
  if (lower === 'explaingoal') return 'goal';
  if (lower === 'removeinitiativedependency') return 'initiativeDependency';
  const hit = NAMED.find(([name]) => lower.includes(name));
  return hit ? hit[1] : null;
}

/**
 * The entity an id or key argument (or input field) refers to: `objectiveId` -> objective,
 * `sprintKeys` -> sprint, `id` of `UpdateCycleInput` -> cycle, `key` of `explainTicket` ->
 * ticket, `externalKey` of a ticket input -> ticket, of an initiative input -> epic.
 */
export function entityOf(name: string, parent: string): EntityKind | null {
  if (/^(id|key|ids|keys)$/.test(name)) return entityOfParent(parent);
  if (name === 'externalId') return 'sourceId';
  if (name === 'externalKey') {
    const owner = entityOfParent(parent);
    return owner === 'initiative' ? 'epic' : owner === 'ticket' ? 'ticket' : null;
  }
  const prefix = name.replace(/(Id|Key|Ids|Keys)$/, '');
  return PREFIXES[prefix] ?? null;
}

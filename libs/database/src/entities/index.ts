import { ApiToken } from './api-token.entity.js';
import { AuditEntry } from './audit-entry.entity.js';
import { CheckIn } from './check-in.entity.js';
import { Cycle } from './cycle.entity.js';
import { CycleBaseline } from './cycle-baseline.entity.js';
import { InitiativeDependency } from './initiative-dependency.entity.js';
import { InitiativeLink } from './initiative-link.entity.js';
import { Initiative } from './initiative.entity.js';
import { KeyResult } from './key-result.entity.js';
import { KpiCheckIn } from './kpi-check-in.entity.js';
import { Kpi } from './kpi.entity.js';
import { Membership } from './membership.entity.js';
import { ObjectiveLink } from './objective-link.entity.js';
import { Objective } from './objective.entity.js';
import { Organization } from './organization.entity.js';
import {
  PlanScenario,
  PlanScenarioInitiative,
  PlanScenarioLink,
  PlanScenarioTeam,
} from './plan-scenario.entity.js';
import { ScopeChange } from './scope-change.entity.js';
import { SourceEvent } from './source-event.entity.js';
import { SprintSnapshot } from './sprint-snapshot.entity.js';
import { Sprint } from './sprint.entity.js';
import { StrategicGoal } from './strategic-goal.entity.js';
import { SyncRun } from './sync-run.entity.js';
import { Team } from './team.entity.js';
import { TicketSource } from './ticket-source.entity.js';
import { TicketLink } from './ticket-link.entity.js';
import { TicketSprint } from './ticket-sprint.entity.js';
import { Ticket } from './ticket.entity.js';
import { User } from './user.entity.js';
import { Vision } from './vision.entity.js';

export * from './columns.js';
export * from './api-token.entity.js';
export * from './audit-entry.entity.js';
export * from './check-in.entity.js';
export * from './cycle.entity.js';
export * from './cycle-baseline.entity.js';
export * from './cycle-baseline.json.js';
export * from './initiative-dependency.entity.js';
export * from './initiative-link.entity.js';
export * from './initiative.entity.js';
export * from './key-result.entity.js';
export * from './kpi-check-in.entity.js';
export * from './kpi.entity.js';
export * from './membership.entity.js';
export * from './objective-link.entity.js';
export * from './objective.entity.js';
export * from './organization.entity.js';
export * from './plan-scenario.entity.js';
export * from './scope-change.entity.js';
export * from './source-event.entity.js';
export * from './sprint-snapshot.entity.js';
export * from './sprint.entity.js';
export * from './strategic-goal.entity.js';
export * from './sync-run.entity.js';
export * from './team.entity.js';
export * from './ticket-source.entity.js';
export * from './ticket-link.entity.js';
export * from './ticket-sprint.entity.js';
export * from './ticket.entity.js';
export * from './user.entity.js';
export * from './vision.entity.js';

export const ENTITIES = [
  Organization,
  User,
  Membership,
  Vision,
  StrategicGoal,
  Kpi,
  KpiCheckIn,
  Cycle,
  Team,
  Objective,
  KeyResult,
  CheckIn,
  ObjectiveLink,
  Sprint,
  Initiative,
  InitiativeLink,
  InitiativeDependency,
  Ticket,
  TicketSprint,
  TicketLink,
  SprintSnapshot,
  CycleBaseline,
  ScopeChange,
  ApiToken,
  AuditEntry,
  TicketSource,
  SourceEvent,
  SyncRun,
  PlanScenario,
  PlanScenarioInitiative,
  PlanScenarioTeam,
  PlanScenarioLink,
];

/** Tables protected by row-level security: every table with an organization_id. */
export const TENANT_TABLES = [
  'memberships',
  'visions',
  'strategic_goals',
  'kpis',
  'kpi_check_ins',
  'cycles',
  'teams',
  'objectives',
  'key_results',
  'check_ins',
  'objective_links',
  'sprints',
  'initiatives',
  'initiative_links',
  'tickets',
  'ticket_sprints',
  'ticket_links',
  'sprint_snapshots',
  'cycle_baselines',
  'scope_changes',
  'api_tokens',
  'audit_log',
  'ticket_sources',
  'source_events',
  'sync_runs',
  'initiative_dependencies',
  'plan_scenarios',
  'plan_scenario_initiatives',
  'plan_scenario_teams',
  'plan_scenario_links',
] as const;

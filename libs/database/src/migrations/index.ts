import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795304447986 } from './1795304447986-initial-schema.js';
import { RowLevelSecurity1795304500000 } from './1795304500000-row-level-security.js';
import { InitiativeExternalId1795305165128 } from './1795305165128-initiative-external-id.js';
import { SprintSnapshots1795307000000 } from './1795307000000-sprint-snapshots.js';
import { TicketInitiativeSets1795307100000 } from './1795307100000-ticket-initiative-sets.js';
import { PlanningSessions1795307200000 } from './1795307200000-planning-sessions.js';
import { InputBounds1795308000000 } from './1795308000000-input-bounds.js';
import { RowVersions1795308100000 } from './1795308100000-row-versions.js';
import { TicketLocksAndSubtasks1795308110000 } from './1795308110000-ticket-locks-and-subtasks.js';
import { LoadedBaselines1795308120000 } from './1795308120000-loaded-baselines.js';
import { ApiTokensAndSessions1795308200000 } from './1795308200000-api-tokens-and-sessions.js';
import { AuditLog1795308300000 } from './1795308300000-audit-log.js';
import { LiveTicketSources1796499636924 } from './1796499636924-live-ticket-sources.js';
import { WebhookHandshake1796600000000 } from './1796600000000-webhook-handshake.js';
import { TicketsPerSource1796700000000 } from './1796700000000-tickets-per-source.js';
import { InitiativeDependencies1796800000000 } from './1796800000000-initiative-dependencies.js';
import { PlanScenarios1796900000000 } from './1796900000000-plan-scenarios.js';
import { TicketWriteCosts1797000000000 } from './1797000000000-ticket-write-costs.js';
import { TicketSetLockByIndex1797050000000 } from './1797050000000-ticket-set-lock-by-index.js';
import { TicketContentHash1797200000000 } from './1797200000000-ticket-content-hash.js';

type MigrationClass = new () => MigrationInterface;

/**
 * Every migration, in order. Generate the next one with
 * `npm run build && npm run cli -- migration:generate <kebab-name>`, then list it here.
 */
export const MIGRATIONS: MigrationClass[] = [
  InitialSchema1795304447986,
  RowLevelSecurity1795304500000,
  InitiativeExternalId1795305165128,
  SprintSnapshots1795307000000,
  TicketInitiativeSets1795307100000,
  PlanningSessions1795307200000,
  InputBounds1795308000000,
  RowVersions1795308100000,
  TicketLocksAndSubtasks1795308110000,
  LoadedBaselines1795308120000,
  ApiTokensAndSessions1795308200000,
  AuditLog1795308300000,
  LiveTicketSources1796499636924,
  WebhookHandshake1796600000000,
  TicketsPerSource1796700000000,
  InitiativeDependencies1796800000000,
  PlanScenarios1796900000000,
  TicketWriteCosts1797000000000,
  TicketSetLockByIndex1797050000000,
  TicketContentHash1797200000000,
];

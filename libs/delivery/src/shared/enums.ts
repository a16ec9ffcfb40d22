import { registerEnumType } from '@nestjs/graphql';
import type { InitiativeStatus, Priority, SprintState } from '@app/database';

/** GraphQL enums of the delivery context, registered once. */
export const SPRINT_STATES: readonly SprintState[] = ['FUTURE', 'ACTIVE', 'CLOSED'];
export const SprintStateEnum = { FUTURE: 'FUTURE', ACTIVE: 'ACTIVE', CLOSED: 'CLOSED' } as const;
registerEnumType(SprintStateEnum, { name: 'SprintState' });

export const INITIATIVE_STATUSES: readonly InitiativeStatus[] = [
  'PROPOSED',
  'PLANNED',
  'IN_PROGRESS',
  'DONE',
  'CANCELLED',
];
export const InitiativeStatusEnum = {
  PROPOSED: 'PROPOSED',
  PLANNED: 'PLANNED',
  IN_PROGRESS: 'IN_PROGRESS',
  DONE: 'DONE',
  CANCELLED: 'CANCELLED',
} as const;
registerEnumType(InitiativeStatusEnum, { name: 'InitiativeStatus' });

export const PRIORITIES: readonly Priority[] = ['MUST', 'SHOULD', 'COULD', 'WONT'];
export const PriorityEnum = {
  MUST: 'MUST',
  SHOULD: 'SHOULD',
  COULD: 'COULD',
  WONT: 'WONT',
} as const;
registerEnumType(PriorityEnum, { name: 'Priority', description: 'MoSCoW' });

export type TicketLinkSource = 'MANUAL' | 'EPIC';
export const TicketLinkSourceEnum = { MANUAL: 'MANUAL', EPIC: 'EPIC' } as const;
registerEnumType(TicketLinkSourceEnum, {
  name: 'TicketLinkSource',
  description:
    "EPIC: derived from the ticket's epic by an import (replaced on re-import); MANUAL: kept",
});

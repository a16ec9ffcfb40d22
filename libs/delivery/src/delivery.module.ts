import { Module } from '@nestjs/common';
import { StrategyModule } from '@app/strategy';
import { CycleDeliveryResolver } from './extensions/cycle.resolver.js';
import { KeyResultDeliveryResolver } from './extensions/key-result.resolver.js';
import { ObjectiveDeliveryResolver } from './extensions/objective.resolver.js';
import { TeamDeliveryResolver } from './extensions/team.resolver.js';
import { InitiativeDependencyLoaders } from './initiative-dependencies/initiative-dependency.loaders.js';
import {
  InitiativeDependencyFieldsResolver,
  InitiativeDependencyResolver,
} from './initiative-dependencies/initiative-dependency.resolver.js';
import { InitiativeDependencyService } from './initiative-dependencies/initiative-dependency.service.js';
import { InitiativeLinkLoaders } from './initiative-links/initiative-link.loaders.js';
import { InitiativeLinkResolver } from './initiative-links/initiative-link.resolver.js';
import { InitiativeLinkService } from './initiative-links/initiative-link.service.js';
import { InitiativeLoaders } from './initiatives/initiative.loaders.js';
import { InitiativeResolver } from './initiatives/initiative.resolver.js';
import { InitiativeService } from './initiatives/initiative.service.js';
import { SprintLoaders } from './sprints/sprint.loaders.js';
import { SprintResolver } from './sprints/sprint.resolver.js';
import { SprintService } from './sprints/sprint.service.js';
import { TicketLinkLoaders } from './ticket-links/ticket-link.loaders.js';
import { TicketLinkResolver } from './ticket-links/ticket-link.resolver.js';
import { TicketLinkService } from './ticket-links/ticket-link.service.js';
import { TicketLoaders } from './tickets/ticket.loaders.js';
import { TicketResolver } from './tickets/ticket.resolver.js';
import { TicketService } from './tickets/ticket.service.js';

/**
 * Sprints, initiatives, tickets and the links that carry work upward (ticket -> initiative ->
 * key result / objective), plus the delivery fields of the strategy types (Team.sprints,
 * Cycle.initiatives, KeyResult.initiativeLinks, ...).
 */
const LOADERS = [
  SprintLoaders,
  InitiativeLoaders,
  InitiativeLinkLoaders,
  InitiativeDependencyLoaders,
  TicketLoaders,
  TicketLinkLoaders,
];

@Module({
  imports: [StrategyModule],
  providers: [
    ...LOADERS,
    SprintService,
    SprintResolver,
    InitiativeService,
    InitiativeResolver,
    InitiativeLinkService,
    InitiativeLinkResolver,
    InitiativeDependencyService,
    InitiativeDependencyResolver,
    InitiativeDependencyFieldsResolver,
    TicketService,
    TicketResolver,
    TicketLinkService,
    TicketLinkResolver,
    TeamDeliveryResolver,
    CycleDeliveryResolver,
    KeyResultDeliveryResolver,
    ObjectiveDeliveryResolver,
  ],
  exports: LOADERS,
})
export class DeliveryModule {}

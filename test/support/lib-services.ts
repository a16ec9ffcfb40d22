/* eslint-disable no-restricted-imports --
 * A lib's index exports its Nest module, its GraphQL types and its loaders; most of its services
 * stay inside the module, which is all the API needs. The medium tests (test/integration) call
 * those services directly on real PostgreSQL, without HTTP, so they reach them here, by path, in
 * this one place (with the few lib functions an e2e test calls beside the API, last): every other
 * file still imports a lib only through @app/<lib>. */
export { CycleService } from '../../libs/strategy/src/cycles/cycle.service.js';
export { GoalService } from '../../libs/strategy/src/goals/goal.service.js';
export { ObjectiveLinkService } from '../../libs/strategy/src/objective-links/objective-link.service.js';
export { ObjectiveService } from '../../libs/strategy/src/objectives/objective.service.js';
export { TeamService } from '../../libs/strategy/src/teams/team.service.js';
export { InitiativeService } from '../../libs/delivery/src/initiatives/initiative.service.js';
export { SprintService } from '../../libs/delivery/src/sprints/sprint.service.js';
export { TicketLinkService } from '../../libs/delivery/src/ticket-links/ticket-link.service.js';
export { TicketService } from '../../libs/delivery/src/tickets/ticket.service.js';
export { OrganizationService } from '../../libs/identity/src/organization/organization.service.js';
export { projectNodeIdOf } from '../../libs/integrations/src/github/github-fetch.js';

import { Module } from '@nestjs/common';
import { AlignmentModule } from '@app/alignment';
import { ImportsController } from './imports.controller.js';
import { ImportsResolver } from './imports.resolver.js';
import { JiraImportService } from './jira/jira-import.service.js';
import { TrelloImportService } from './trello/trello-import.service.js';
import { AsanaImportService } from './asana/asana-import.service.js';
import { LinearImportService } from './linear/linear-import.service.js';
import { GithubImportService } from './github/github-import.service.js';
import { PlanExportService } from './plan-file/plan-export.service.js';
import { PlanImportService } from './plan-file/plan-import.service.js';
import { TicketUpsertService } from './tickets/ticket-upsert.service.js';
import { TicketsLiveResolver } from './tickets/tickets-live.resolver.js';
import { EventApplier } from './sources/event-applier.service.js';
import { JobQueue } from './sources/job-queue.js';
import { SourceStatusLoaders } from './sources/source-status.loaders.js';
import { SyncService } from './sources/sync.service.js';
import { TicketSourceResolver } from './sources/ticket-source.resolver.js';
import { TicketSourceOfTicketResolver } from './sources/ticket-source-of-ticket.resolver.js';
import { TicketSourceService } from './sources/ticket-source.service.js';
import { WebhookController } from './sources/webhook.controller.js';
import { WebhookInbox } from './sources/webhook-inbox.service.js';

/**
 * Work in and out: plan files (strategy as code), ticket files (Jira CSV, Trello board JSON, Asana
 * and Linear CSV exports, GitHub issues JSON), and live ticket sources (webhooks into an inbox, reconciliation through
 * tracker APIs; the workers that apply them are SourceWorkersModule, run by the API only).
 */
@Module({
  imports: [AlignmentModule],
  controllers: [ImportsController, WebhookController],
  providers: [
    PlanImportService,
    PlanExportService,
    TicketUpsertService,
    JiraImportService,
    TrelloImportService,
    AsanaImportService,
    LinearImportService,
    GithubImportService,
    ImportsResolver,
    JobQueue,
    WebhookInbox,
    EventApplier,
    SyncService,
    TicketSourceService,
    TicketSourceResolver,
    TicketSourceOfTicketResolver,
    SourceStatusLoaders,
    TicketsLiveResolver,
  ],
  exports: [
    PlanImportService,
    PlanExportService,
    TicketUpsertService,
    JiraImportService,
    TrelloImportService,
    AsanaImportService,
    LinearImportService,
    GithubImportService,
    JobQueue,
    EventApplier,
    SyncService,
    TicketSourceService,
  ],
})
export class IntegrationsModule {}

import { Module } from '@nestjs/common';
import { DemoSeeder } from './demo/demo-seeder.js';
import { ImportsController } from './imports.controller.js';
import { ImportsResolver } from './imports.resolver.js';
import { JiraImportService } from './jira/jira-import.service.js';
import { PlanExportService } from './plan-file/plan-export.service.js';
import { PlanImportService } from './plan-file/plan-import.service.js';
import { TicketUpsertService } from './tickets/ticket-upsert.service.js';

/** Work in and out: plan files (strategy as code), Jira CSV exports and other ticket sources. */
@Module({
  controllers: [ImportsController],
  providers: [
    PlanImportService,
    PlanExportService,
    TicketUpsertService,
    JiraImportService,
    ImportsResolver,
    DemoSeeder,
  ],
  exports: [
    PlanImportService,
    PlanExportService,
    TicketUpsertService,
    JiraImportService,
    DemoSeeder,
  ],
})
export class IntegrationsModule {}

import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { Actor } from '@app/common';
import { DomainError, MAX_LIST } from '@app/domain';
import { Access, CurrentActor } from '@app/identity';
import { AsanaImportService } from './asana/asana-import.service.js';
import { JiraImportService } from './jira/jira-import.service.js';
import { PlanExportService } from './plan-file/plan-export.service.js';
import { PlanImportResultType } from './plan-file/plan-import.types.js';
import { PlanImportService } from './plan-file/plan-import.service.js';
import { MAX_PLAN_CHARS } from './plan-file/plan-yaml.js';
import {
  TicketFormat,
  TicketImportResultType,
  TicketInput,
} from './tickets/ticket-import.types.js';
import { toIncoming } from './tickets/ticket-input.mapper.js';
import { TicketUpsertService } from './tickets/ticket-upsert.service.js';
import { KEY_PREFIX } from './tickets/file-tickets.js';
import { TrelloImportService } from './trello/trello-import.service.js';

/** GraphQL request bodies stay below 10 MB; larger files go through the CLI or POST /imports/jira-csv. */
const MAX_TEXT = MAX_PLAN_CHARS;

@ArgsType()
class ImportPlanArgs {
  @Field()
  @IsString()
  @MaxLength(MAX_TEXT)
  yaml: string;

  @Field({ defaultValue: false })
  @IsBoolean()
  dryRun: boolean = false;
}

@ArgsType()
class ExportPlanArgs {
  @Field({ nullable: true, description: 'absent: the whole organization' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cycleKey?: string;
}

@ArgsType()
class ImportTicketsArgs {
  @Field(() => TicketFormat)
  @IsIn(Object.values(TicketFormat))
  format: keyof typeof TicketFormat;

  @Field()
  @IsString()
  @MaxLength(MAX_TEXT)
  data: string;

  @Field({
    nullable: true,
    description:
      'TRELLO_JSON and ASANA_CSV: the ticket keys are <keyPrefix>-<card number or Task ID> (default: the board shortLink, ASANA); 1-32 letters, digits or underscores. Not for JIRA_CSV, whose keys are its own.',
  })
  @IsOptional()
  @IsString()
  @Matches(KEY_PREFIX, {
    message: 'must be 1-32 letters, digits or underscores, starting with a letter or digit',
  })
  keyPrefix?: string;
}

@ArgsType()
class UpsertTicketsArgs {
  @Field(() => [TicketInput])
  @ValidateNested({ each: true })
  @Type(() => TicketInput)
  @ArrayMaxSize(MAX_LIST, {
    message: `must hold at most ${MAX_LIST.toLocaleString('en-US')} tickets`,
  })
  tickets: TicketInput[];
}

@Resolver()
export class ImportsResolver {
  constructor(
    @Inject(PlanImportService) private readonly plans: PlanImportService,
    @Inject(PlanExportService) private readonly exports: PlanExportService,
    @Inject(JiraImportService) private readonly jira: JiraImportService,
    @Inject(TrelloImportService) private readonly trello: TrelloImportService,
    @Inject(AsanaImportService) private readonly asana: AsanaImportService,
    @Inject(TicketUpsertService) private readonly tickets: TicketUpsertService,
  ) {}

  @Access('EDITOR')
  @Mutation(() => PlanImportResultType, {
    description: 'strategy as code: see docs/design.md 4.2 for the format',
  })
  importPlan(@CurrentActor() actor: Actor, @Args() args: ImportPlanArgs) {
    return this.plans.importPlan(actor, args.yaml, args.dryRun);
  }

  @Access('VIEWER')
  @Query(() => String, { description: 'the plan file of a cycle (or of everything) as YAML' })
  exportPlan(@CurrentActor() actor: Actor, @Args() args: ExportPlanArgs) {
    return this.exports.exportPlan(actor, args.cycleKey ?? null);
  }

  @Access('MEMBER')
  @Mutation(() => TicketImportResultType, {
    description:
      'a ticket file as it comes (a Jira CSV, Trello board JSON or Asana CSV export); up to ~9 MB (larger: the CLI or POST /imports/jira-csv, /imports/trello-json, /imports/asana-csv)',
  })
  importTickets(@CurrentActor() actor: Actor, @Args() args: ImportTicketsArgs) {
    const keyPrefix = args.keyPrefix ?? null;
    switch (args.format) {
      case 'TRELLO_JSON':
        return this.trello.importText(actor, args.data, keyPrefix);
      case 'ASANA_CSV':
        return this.asana.importText(actor, args.data, keyPrefix);
      default:
        if (keyPrefix !== null) {
          throw DomainError.badInput('keyPrefix', 'is not for JIRA_CSV: Jira keys are its own');
        }
        return this.jira.importText(actor, args.data);
    }
  }

  @Access('MEMBER')
  @Mutation(() => TicketImportResultType, {
    description: 'tickets from any other source, by externalKey',
  })
  upsertTickets(@CurrentActor() actor: Actor, @Args() args: UpsertTicketsArgs) {
    return this.tickets.upsert(actor, 'API', args.tickets.map(toIncoming));
  }
}

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
import { LinearImportService } from './linear/linear-import.service.js';
import { GithubImportService } from './github/github-import.service.js';
import { GITHUB_REPOSITORY } from './github/github-json.js';

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
      'TRELLO_JSON and ASANA_CSV: the ticket keys are <keyPrefix>-<card number or Task ID> (default: the board shortLink, ASANA); 1-32 letters, digits or underscores. Not for JIRA_CSV, LINEAR_CSV or GITHUB_JSON, whose keys are their own.',
  })
  @IsOptional()
  @IsString()
  @Matches(KEY_PREFIX, {
    message: 'must be 1-32 letters, digits or underscores, starting with a letter or digit',
  })
  keyPrefix?: string;

  @Field({
    nullable: true,
    description:
      'GITHUB_JSON: owner/repo of the issues whose repository_url is absent (the keys are owner/repo#number). Only for GITHUB_JSON.',
  })
  @IsOptional()
  @IsString()
  @Matches(GITHUB_REPOSITORY, { message: 'must be owner/repo, as GitHub names a repository' })
  repository?: string;
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
    @Inject(LinearImportService) private readonly linear: LinearImportService,
    @Inject(GithubImportService) private readonly github: GithubImportService,
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
      'a ticket file as it comes (a Jira CSV, Trello board JSON, Asana CSV, Linear CSV export or GitHub issues JSON); up to ~9 MB (larger: the CLI or POST /imports/jira-csv, /imports/trello-json, /imports/asana-csv, /imports/linear-csv, /imports/github-json)',
  })
  importTickets(@CurrentActor() actor: Actor, @Args() args: ImportTicketsArgs) {
    const keyPrefix = args.keyPrefix ?? null;
    const repository = args.repository ?? null;
    if (repository !== null && args.format !== 'GITHUB_JSON') {
      throw DomainError.badInput('repository', 'is only for GITHUB_JSON');
    }
    switch (args.format) {
      case 'TRELLO_JSON':
        return this.trello.importText(actor, args.data, keyPrefix);
      case 'ASANA_CSV':
        return this.asana.importText(actor, args.data, keyPrefix);
      case 'LINEAR_CSV':
        noKeyPrefix(keyPrefix, 'LINEAR_CSV: Linear keys (ENG-123) are its own');
        return this.linear.importText(actor, args.data);
      case 'GITHUB_JSON':
        noKeyPrefix(keyPrefix, 'GITHUB_JSON: the keys are owner/repo#number (see repository)');
        return this.github.importText(actor, args.data, repository);
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

function noKeyPrefix(keyPrefix: string | null, message: string): void {
  if (keyPrefix !== null) throw DomainError.badInput('keyPrefix', `is not for ${message}`);
}

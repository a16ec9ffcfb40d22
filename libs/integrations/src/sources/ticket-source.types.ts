import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JsonScalar, VersionField } from '@app/common';
import { SOURCE_KINDS, type SourceKind, type SyncRunState } from '@app/database';
import { ProblemType } from '../plan-file/plan-import.types.js';

export const SourceKindEnum = Object.fromEntries(SOURCE_KINDS.map((k) => [k, k])) as Record<
  SourceKind,
  SourceKind
>;
registerEnumType(SourceKindEnum, { name: 'SourceKind', description: 'the tracker a source reads' });

const SYNC_STATES = { RUNNING: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED' } as const;
registerEnumType(SYNC_STATES, { name: 'SyncState' });

@ObjectType('SyncRun', { description: 'one reconciliation of a source through its tracker API' })
export class SyncRunType {
  @Field(() => ID)
  id: string;

  @Field(() => SYNC_STATES)
  state: SyncRunState;

  @Field(() => String, { description: 'MANUAL (syncTicketSource, the CLI) or SCHEDULE' })
  trigger: string;

  @Field()
  startedAt: Date;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'read what changed since; null: everything' })
  since: Date | null;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => [ProblemType])
  problems: ProblemType[];
}

@ObjectType('TicketSource', {
  description: 'a tracker connected to the organization; its secrets never leave the server',
})
export class TicketSourceType {
  @Field(() => ID)
  id: string;

  @Field(() => SourceKindEnum)
  kind: SourceKind;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'the tracker site reconciliation reads' })
  baseUrl: string | null;

  @Field({ description: 'root-relative: POST the tracker webhooks here' })
  webhookPath: string;

  @Field(() => JsonScalar, { nullable: true, description: 'tracker settings, never secrets' })
  settings: Record<string, unknown>;

  @Field({ description: 'a disabled source refuses its webhooks (410) and is not reconciled' })
  enabled: boolean;

  @Field({ description: 'whether API credentials are stored (they are never returned)' })
  hasCredentials: boolean;

  @Field()
  createdAt: Date;

  @VersionField()
  version: number;
}

@ObjectType('TicketSourceCreated')
export class TicketSourceCreatedType {
  @Field(() => TicketSourceType)
  source: TicketSourceType;

  @Field({
    description:
      "shown once: paste it into the tracker's webhook as its secret; it cannot be read again (rotate it to get a new one)",
  })
  webhookSecret: string;
}

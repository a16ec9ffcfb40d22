import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Paginated, type Actor } from '@app/common';
import { Access } from '../access/access.decorator.js';
import { CurrentActor } from '../access/current-actor.decorator.js';
import { AuditLogArgs } from './audit.args.js';
import { AuditEntry } from './audit-entry.type.js';
import { AuditService } from './audit.service.js';

export const AuditEntryPage = Paginated(AuditEntry, 'AuditEntryPage');

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(@Inject(AuditService) private readonly service: AuditService) {}

  @Access('ADMIN')
  @Query(() => AuditEntryPage, {
    description: 'one entry per mutation that changed data, newest first; never editable',
  })
  auditLog(@CurrentActor() actor: Actor, @Args() args: AuditLogArgs) {
    return this.service.list(actor, args);
  }
}

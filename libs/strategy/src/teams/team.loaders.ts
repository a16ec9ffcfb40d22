import { Inject, Injectable } from '@nestjs/common';
import { byIdLoader, Tenant, type RequestContext } from '@app/common';
import { Team } from '@app/database';

/** Per-request batch loaders for Team (one query per tree level, never one per node). */
@Injectable()
export class TeamLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, Team, 'Team');
  }
}

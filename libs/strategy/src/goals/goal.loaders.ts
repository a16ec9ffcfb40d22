import { Inject, Injectable } from '@nestjs/common';
import { Tenant, type RequestContext } from '@app/common';
import { StrategicGoal } from '@app/database';
import { byIdLoader } from '../shared/by-id.loader.js';

/** Per-request batch loaders for goals (one query per tree level, never one per node). */
@Injectable()
export class GoalLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, StrategicGoal, 'StrategicGoal');
  }
}

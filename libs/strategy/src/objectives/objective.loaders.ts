import { Inject, Injectable } from '@nestjs/common';
import { Tenant, type RequestContext } from '@app/common';
import { Objective } from '@app/database';
import { byIdLoader } from '../shared/by-id.loader.js';

/** Per-request batch loaders for Objective (one query per tree level, never one per node). */
@Injectable()
export class ObjectiveLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, Objective, 'Objective');
  }
}

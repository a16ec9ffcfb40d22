import { Inject, Injectable } from '@nestjs/common';
import { byIdLoader, Tenant, type RequestContext } from '@app/common';
import { Cycle } from '@app/database';

/** Per-request batch loaders for Cycle (one query per tree level, never one per node). */
@Injectable()
export class CycleLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, Cycle, 'Cycle');
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { Tenant, type RequestContext } from '@app/common';
import { KeyResult } from '@app/database';
import { byIdLoader } from '../shared/by-id.loader.js';

/** Per-request batch loaders for KeyResult (one query per tree level, never one per node). */
@Injectable()
export class KeyResultLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, KeyResult, 'KeyResult');
  }
}

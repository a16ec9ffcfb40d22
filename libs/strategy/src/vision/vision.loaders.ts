import { Inject, Injectable } from '@nestjs/common';
import { byIdLoader, Tenant, type RequestContext } from '@app/common';
import { Vision } from '@app/database';

@Injectable()
export class VisionLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, Vision, 'Vision');
  }
}

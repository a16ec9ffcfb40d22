import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { byKey, Tenant, type RequestContext } from '@app/common';
import { Vision } from '@app/database';

@Injectable()
export class VisionLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return ctx.loaders.get<string, Vision | null>('vision.byId', (ids) =>
      this.tenant
        .run(ctx.actor!, (em) => em.find(Vision, { where: { id: In([...ids]) } }))
        .then((rows) => byKey(ids, rows, (v) => v.id)),
    );
  }
}

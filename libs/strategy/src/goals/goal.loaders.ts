import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { byKey, Tenant, type RequestContext } from '@app/common';
import { StrategicGoal } from '@app/database';

/** Per-request batch loaders for goals (one query per tree level, never one per node). */
@Injectable()
export class GoalLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return ctx.loaders.get<string, StrategicGoal | null>('goal.byId', (ids) =>
      this.tenant
        .run(ctx.actor!, (em) => em.find(StrategicGoal, { where: { id: In([...ids]) } }))
        .then((rows) => byKey(ids, rows, (g) => g.id)),
    );
  }
}

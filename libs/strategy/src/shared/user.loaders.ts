import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { byKey, Tenant, type RequestContext } from '@app/common';
import { User } from '@app/database';

/**
 * Authors of check-ins. Row-level security shows only users who are members of the caller's
 * organization, so the author of someone since removed resolves to null.
 */
@Injectable()
export class UserLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return ctx.loaders.get<string, User | null>('User.byId', (ids) =>
      this.tenant
        .run(ctx.actor!, (em) => em.find(User, { where: { id: In([...ids]) } }))
        .then((rows) => byKey(ids, rows, (row) => row.id)),
    );
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { byIdLoader, Tenant, type RequestContext } from '@app/common';
import { User } from '@app/database';

/**
 * Authors of check-ins. Row-level security shows only users who are members of the caller's
 * organization, so the author of someone since removed resolves to null.
 */
@Injectable()
export class UserLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, User, 'User');
  }
}

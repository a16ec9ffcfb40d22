import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '@app/database';

export const ApiTokenScopeEnum = Object.fromEntries(API_TOKEN_SCOPES.map((s) => [s, s])) as {
  [K in ApiTokenScope]: K;
};
registerEnumType(ApiTokenScopeEnum, {
  name: 'ApiTokenScope',
  description:
    "READ: queries and subscriptions, as a VIEWER. WRITE: also mutations, with the creator's role capped at EDITOR. No API token manages members, settings, sessions or tokens",
});

/** An API token as its owner and ADMINs see it: never its secret or the secret's hash. */
@ObjectType('ApiToken')
export class ApiTokenType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => ApiTokenScopeEnum)
  scope: ApiTokenScope;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'to the minute' })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'null: never expires (until revoked)' })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType()
export class ApiTokenCreated {
  @Field(() => ApiTokenType)
  apiToken: ApiTokenType;

  @Field({
    description:
      'the token to send as `Authorization: Bearer <secret>`; shown only now (only its hash is stored)',
  })
  secret: string;
}

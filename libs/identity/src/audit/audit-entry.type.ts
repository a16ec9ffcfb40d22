import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JsonScalar } from '@app/common';

export enum AuditAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: "what the operation's first change did to its entity",
});

/**
 * One mutation's changes: who (the user, and the API token when one was used), which operation,
 * when, its first changed entity with before/after, and how many rows in which tables it changed
 * in all. Secrets (password, invite and token hashes) are never recorded.
 */
@ObjectType()
export class AuditEntry {
  @Field(() => ID, { description: 'increasing: the log reads newest first' })
  id: string;

  @Field({ description: "the start of the operation's transaction" })
  at: Date;

  @Field({ description: 'the mutation (signUp, updateObjective, ...), a route or a CLI command' })
  operation: string;

  @Field(() => AuditAction)
  action: AuditAction;

  @Field(() => ID, { nullable: true })
  userId: string | null;

  @Field(() => ID, { nullable: true, description: 'the API token the request came with' })
  apiTokenId: string | null;

  @Field({ description: 'OBJECTIVE, KEY_RESULT, TICKET, MEMBERSHIP, API_TOKEN, ...' })
  entityType: string;

  @Field(() => ID, { nullable: true })
  entityId: string | null;

  @Field(() => String, { nullable: true, description: 'its key, slug, e-mail or name' })
  entityKey: string | null;

  @Field(() => JsonScalar, { nullable: true, description: 'the entity as it was (edits, deletes)' })
  before: Record<string, unknown> | null;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'the entity as it became (creates, edits)',
  })
  after: Record<string, unknown> | null;

  @Field(() => Int, {
    description: 'rows the operation wrote, in all tables (a row written twice counts twice)',
  })
  changedRows: number;

  @Field(() => [String])
  tables: string[];
}

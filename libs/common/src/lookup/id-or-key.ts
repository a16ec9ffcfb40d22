import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { DomainError } from '@app/domain';

/** The one `id` argument of archive and unlink mutations. */
@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  id: string;
}

/** Fetch one entity by exactly one of `id` or `key`. */
@ArgsType()
export class IdOrKeyArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  id?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  key?: string;
}

/**
 * Loads one row of the caller's organization by id or by its key column; NOT_FOUND otherwise —
 * also for another organization's id, which row-level security hides.
 */
export async function findByIdOrKey<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  what: string,
  args: IdOrKeyArgs,
  keyProperty = 'key',
): Promise<T> {
  if ((args.id ? 1 : 0) + (args.key ? 1 : 0) !== 1) {
    throw DomainError.badInput('id', 'give exactly one of id or key');
  }
  const where = (args.id ? { id: args.id } : { [keyProperty]: args.key }) as FindOptionsWhere<T>;
  const row = await em.findOne(target, { where });
  if (!row) throw DomainError.notFound(what, args.id ?? `with key "${args.key}"`);
  return row;
}

/** Loads one row by id or throws NOT_FOUND naming the input field that pointed at it. */
export async function findOrNotFound<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  what: string,
  id: string,
): Promise<T> {
  const row = await em.findOne(target, { where: { id } as unknown as FindOptionsWhere<T> });
  if (!row) throw DomainError.notFound(what, id);
  return row;
}

/**
 * CONFLICT `<what> with key "<key>" already exists`, naming the field `input.<keyProperty>`, when a
 * row of the caller's organization has this key already (the unique index would refuse it too,
 * with a message that names nothing).
 */
export async function assertKeyFree<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  what: string,
  key: string,
  keyProperty = 'key',
): Promise<void> {
  const where = { [keyProperty]: key } as FindOptionsWhere<T>;
  if (await em.exists(target, { where })) {
    throw DomainError.taken(`input.${keyProperty}`, `${what} with key "${key}" already exists`);
  }
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** The project root (the folder of package.json), found from this file in src or in dist. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the project root (package.json)');
    dir = parent;
  }
  return dir;
}

/**
 * The committed schema.gql as a graphql-js schema: the API as clients see it, without
 * introspection (off in production) and without starting the app.
 */
export function loadSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(projectRoot(), 'schema.gql'), 'utf8'));
}

export type OperationKind = 'query' | 'mutation';

export interface Operation {
  kind: OperationKind;
  name: string;
  field: GraphQLField<unknown, unknown>;
}

/** Every query and mutation (subscriptions travel over graphql-ws, not this HTTP corpus). */
export function operations(schema: GraphQLSchema): Operation[] {
  const roots: [OperationKind, ReturnType<GraphQLSchema['getQueryType']>][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  return roots.flatMap(([kind, type]) =>
    type ? Object.values(type.getFields()).map((field) => ({ kind, name: field.name, field })) : [],
  );
}

/** A path into an operation's arguments: the argument name, then input fields or list indexes. */
export type ArgPath = (string | number)[];

/**
 * One place a value goes: a top-level argument, or a field of an input object (recursively,
 * through lists of input objects at index 0).
 */
export interface Position {
  path: ArgPath;
  /** the argument's or input field's name */
  name: string;
  /** the operation name for a top-level argument, else the input type's name */
  parent: string;
  type: GraphQLInputType;
  required: boolean;
  defaultValue: unknown;
}

function positionOf(
  item: GraphQLArgument | GraphQLInputField,
  path: ArgPath,
  parent: string,
): Position {
  return {
    path,
    name: item.name,
    parent,
    type: item.type,
    required: isNonNullType(item.type) && item.defaultValue === undefined,
    defaultValue: item.defaultValue,
  };
}

/** Every argument and every field of its input objects, depth first, parents before children. */
export function positions(op: Operation): Position[] {
  const out: Position[] = [];
  const walk = (item: GraphQLArgument | GraphQLInputField, path: ArgPath, parent: string) => {
    out.push(positionOf(item, path, parent));
    const named = getNamedType(item.type);
    if (!isInputObjectType(named)) return;
    if (path.filter((p) => typeof p === 'string').length > 4) return;
    const through = isListType(getNullableType(item.type)) ? [...path, 0] : path;
    for (const field of Object.values(named.getFields())) {
      walk(field, [...through, field.name], named.name);
    }
  };
  for (const arg of op.field.args) walk(arg, [arg.name], op.name);
  return out;
}

/** Variable definitions and argument list for an operation that passes every argument as a variable. */
export function document(op: Operation, args: Record<string, unknown>, selection: string): string {
  const names = op.field.args.filter((a) => a.name in args);
  const defs = names.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const call = names.map((a) => `${a.name}: $${a.name}`).join(', ');
  return (
    `${op.kind} H${defs ? `(${defs})` : ''} { ${op.name}${call ? `(${call})` : ''}` +
    `${selection ? ` ${selection}` : ''} }`
  );
}

/**
 * A selection set for a field's type: its leaf fields, and those of nested objects down to
 * `depth` levels (fields with required arguments left out); '' for a leaf type.
 */
export function selectionFor(
  type: GraphQLField<unknown, unknown>['type'],
  depth: number,
  seen: string[] = [],
): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const parts: string[] = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const inner = getNamedType(field.type);
    if (isLeafType(inner) || isEnumType(inner)) {
      parts.push(field.name);
    } else if (depth > 0 && !seen.includes(inner.name)) {
      parts.push(`${field.name} ${selectionFor(field.type, depth - 1, [...seen, named.name])}`);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

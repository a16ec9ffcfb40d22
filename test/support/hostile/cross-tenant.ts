import { getNamedType, getNullableType, isListType, type GraphQLSchema } from 'graphql';
import { entityOf, isIdOrKey, type EntityKind } from './entity-kinds.js';
import { document, operations, positions, selectionFor, type Operation } from './schema-walk.js';
import type { OrganizationData } from './seed.js';
import { A_MARK } from './tenant-data.js';
import type { ValueMaker } from './values.js';

/** One call of tenant B's owner with one of tenant A's ids or keys. */
export interface TenantCase {
  op: Operation;
  /** the argument path that holds A's value, or '-' for an operation without ids or keys */
  argument: string;
  entity: EntityKind | null;
  /** what was put there: "A's id", "A-only key", "key in both" */
  valueKind: string;
  value: string | null;
  variables: Record<string, unknown>;
  query: string;
}

export interface CrossTenantPlan {
  cases: TenantCase[];
  /** id or key positions the generator could not fill with one of A's values, with the reason */
  uncovered: string[];
  /** operations that take no id or key at all */
  withoutIdOrKey: string[];
}

export interface TenantA {
  data: OrganizationData;
  /** keys that exist in A only, by entity */
  onlyKeys: Partial<Record<EntityKind, string>>;
}

/** A's id of the entity with this A-only key, if the pools hold it. */
function onlyId(a: TenantA, kind: EntityKind): string | undefined {
  const key = a.onlyKeys[kind];
  const index = key ? (a.data.pools.keys[kind] ?? []).indexOf(key) : -1;
  return index >= 0 ? a.data.pools.ids[kind]?.[index] : undefined;
}

/** Up to three of A's values for a position: A-only ones first, then one that B has too. */
function valuesOfA(a: TenantA, kind: EntityKind, isKey: boolean): [string, string][] {
  const out: [string, string][] = [];
  if (isKey) {
    const only = a.onlyKeys[kind];
    if (only) out.push(['A-only key', only]);
    const shared = (a.data.pools.keys[kind] ?? []).find((k) => k !== only);
    if (shared) out.push(['key in both', shared]);
  } else {
    const ids = a.data.pools.ids[kind] ?? [];
    const only = onlyId(a, kind);
    if (only) out.push(["A's id (A-only entity)", only]);
    for (const id of [ids[0], ids[ids.length - 1]]) {
      if (id && !out.some(([, v]) => v === id)) out.push(["A's id", id]);
    }
  }
  return out;
}

/**
 * Generated from the schema: for every query and mutation, every argument or input field named
 * id, key, *Id, *Key, *Ids or *Keys gets A's values (one at a time, every other argument a valid
 * value of B's), called as B's owner. Operations without any id or key get one call with B's
 * valid arguments (their answers must not show A's data either). The selection reads two levels
 * of nested objects, so A's rows would show wherever they leak.
 */
export function crossTenantPlan(schema: GraphQLSchema, a: TenantA, b: ValueMaker): CrossTenantPlan {
  const plan: CrossTenantPlan = { cases: [], uncovered: [], withoutIdOrKey: [] };
  for (const op of operations(schema)) {
    const selection = selectionFor(op.field.type, 2);
    const add = (c: Omit<TenantCase, 'op' | 'query'>) =>
      plan.cases.push({ ...c, op, query: document(op, c.variables, selection) });
    const targets = positions(op).filter((p) => isIdOrKey(p.name));
    if (targets.length === 0) {
      plan.withoutIdOrKey.push(op.name);
      add({
        argument: '-',
        entity: null,
        valueKind: 'no id or key',
        value: null,
        variables: b.args(op),
      });
      continue;
    }
    for (const position of targets) {
      const where = `${op.name} ${position.path.join('.')}`;
      const entity = entityOf(position.name, position.parent);
      if (!entity) {
        plan.uncovered.push(
          `${where}: no entity known for "${position.name}" in ${position.parent}`,
        );
        continue;
      }
      const isKey = getNamedType(position.type).name !== 'ID';
      const values = valuesOfA(a, entity, isKey);
      if (values.length === 0) {
        plan.uncovered.push(`${where}: tenant A has no ${entity} ${isKey ? 'key' : 'id'}`);
        continue;
      }
      const list = isListType(getNullableType(position.type));
      for (const [valueKind, value] of values) {
        const variables = b.argsWith(op, position, list ? [value] : value);
        add({ argument: position.path.join('.'), entity, valueKind, value, variables });
      }
    }
  }
  return plan;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * A's data in an answer: the mark of A's titles and names (any case: slugs and e-mails are lower
 * case), or any of A's ids, other than in what the request itself sent (an error may echo it).
 */
export function leaksIn(answer: string, aIds: Set<string>, sent: string[]): string[] {
  const out: string[] = [];
  let body = answer;
  for (const value of sent) body = body.split(value).join('(sent)');
  const mark = new RegExp(A_MARK, 'i');
  const at = body.search(mark);
  if (at >= 0) out.push(`A's mark: ...${body.slice(Math.max(0, at - 60), at + 60)}...`);
  for (const id of new Set(body.match(UUID) ?? [])) {
    if (aIds.has(id.toLowerCase()) && !sent.includes(id)) out.push(`A's id ${id}`);
  }
  return out;
}

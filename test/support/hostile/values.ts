import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
} from 'graphql';
import { entityOf, isKeyName, type EntityKind } from './entity-kinds.js';
import type { ArgPath, Operation, Position } from './schema-walk.js';

/** Real ids and keys of one organization, by entity. */
export interface Pools {
  ids: Partial<Record<EntityKind, string[]>>;
  keys: Partial<Record<EntityKind, string[]>>;
}

/** A small deterministic PRNG (mulberry32), so a corpus is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A well-formed v4 UUID from the PRNG: an id that exists nowhere. */
export function randomUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)];
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Floats that make sense by field name, so only the value under test is wrong. */
const FLOATS: Record<string, number> = {
  weight: 1,
  points: 3,
  estimate: 5,
  capacity: 10,
  score: 0.5,
  targetShare: 0.1,
  start: 0,
  target: 10,
  current: 5,
  value: 5,
  healthyMin: 0,
  healthyMax: 100,
  unestimatedPoints: 1,
  CORE: 0.7,
  ADJACENT: 0.2,
  TRANSFORMATIONAL: 0.1,
  drift: 0.1,
  outcomeLow: 0.2,
  outputHigh: 0.8,
  staleAfterHours: 24,
};

const INTS: Record<string, number> = { first: 10, last: 6 };

/**
 * Fields added to the required ones of an input so the operation can get past "exactly one of"
 * rules and reach the database (a link needs a target).
 */
const COMPANIONS: Record<string, string[]> = {
  LinkObjectiveInput: ['goalId'],
  LinkInitiativeInput: ['keyResultId'],
  CreateTicketInput: ['statusCategory'],
};

/** Enum values that fit the other valid values (a BOOLEAN key result would need target 1). */
const ENUM_CHOICES: Record<string, string> = { KeyResultKind: 'NUMERIC' };

export interface ValueOptions {
  /** also fill the optional title/name of update inputs, so an update would write something */
  fillUpdates?: boolean;
}

/**
 * Valid values for any argument or input field: real ids and keys from the pools, plausible
 * numbers and strings by name, unique keys, e-mails and names where a create needs them.
 */
export class ValueMaker {
  private counter = 0;

  constructor(
    readonly pools: Pools,
    readonly random: () => number,
    private readonly options: ValueOptions = {},
  ) {}

  unique(prefix = 'H'): string {
    this.counter += 1;
    return `${prefix}${this.counter}-${Math.floor(this.random() * 1e9).toString(36)}`;
  }

  /** A real id (the first of its kind) or key, or a random one when the pool has none. */
  real(kind: EntityKind | null, key: boolean, index = 0): string {
    const pool = kind ? (key ? this.pools.keys[kind] : this.pools.ids[kind]) : undefined;
    if (pool?.length) return pool[index % pool.length];
    return key ? this.unique('NOKEY') : randomUuid(this.random);
  }

  /** A valid value for a position of this type and name. */
  valid(type: GraphQLInputType, name: string, parent: string, defaultValue?: unknown): unknown {
    if (defaultValue !== undefined) return defaultValue;
    const nullable = getNullableType(type) as GraphQLInputType;
    if (isListType(nullable)) {
      return [this.valid(nullable.ofType as GraphQLInputType, name, parent)];
    }
    const named = getNamedType(nullable);
    if (isInputObjectType(named)) return this.inputObject(named);
    if (isEnumType(named)) return ENUM_CHOICES[named.name] ?? named.getValues()[0].name;
    switch (named.name) {
      case 'ID':
        return this.real(entityOf(name, parent), false);
      case 'Int':
        return INTS[name] ?? 1;
      case 'Float':
        return FLOATS[name] ?? 1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return '2027-01-01T00:00:00.000Z';
      default:
        return this.string(name, parent);
    }
  }

  private string(name: string, parent: string): string {
    const creating = /^create|^signup|^invite/i.test(parent);
    if (name === 'key' && (creating || /^Update/.test(parent))) return this.unique('HK');
    if (name === 'externalKey' && creating) return this.unique('HX-');
    if (name === 'externalId') return this.unique('src');
    // a target (toCycleKey) differs from its source: the second of the pool (a DRAFT cycle)
    if (isKeyName(name))
      return this.real(entityOf(name, parent), true, /^to[A-Z]/.test(name) ? 1 : 0);
    if (name === 'email') return `${this.unique('hostile').toLowerCase()}@example.com`;
    if (name === 'password') return 'correct horse battery';
    if (name === 'startDate') return '2027-04-01';
    if (name === 'endDate') return '2027-06-30';
    if (name === 'yaml') return 'version: 1\n';
    if (name === 'data')
      return 'Summary,Issue key,Issue Type,Status\nHostile row,HOST-1,Task,To Do\n';
    if (name === 'token') return 'not-an-invite-token';
    if (name === 'rawStatus') return 'To Do';
    if (name === 'type') return 'Task';
    if (name === 'organizationSlug') return 'no-such-organization';
    if (creating && (name === 'name' || name === 'title')) return this.unique('Hostile ');
    return 'Hostile';
  }

  /** The required fields (plus companions, and a title or name for updates when asked). */
  inputObject(type: GraphQLInputObjectType): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const extra = new Set(COMPANIONS[type.name] ?? []);
    if (this.options.fillUpdates && /^Update/.test(type.name)) {
      extra.add('title');
      extra.add('name');
    }
    for (const field of Object.values(type.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required || extra.has(field.name)) {
        out[field.name] = this.valid(field.type, field.name, type.name);
      }
    }
    return out;
  }

  /** Valid values for the operation's required arguments. */
  args(op: Operation): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const arg of op.field.args) {
      if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
        out[arg.name] = this.valid(arg.type, arg.name, op.name);
      }
    }
    return out;
  }

  /**
   * The operation's valid arguments with `value` at the position: parents on the way are created
   * with their required fields, list positions go into the first item.
   */
  argsWith(op: Operation, position: Position, value: unknown): Record<string, unknown> {
    const args = this.args(op);
    setAt(args, position.path, value, (path) => this.parentValue(op, path));
    return args;
  }

  private parentValue(op: Operation, path: ArgPath): unknown {
    let type: GraphQLInputType | undefined = op.field.args.find((a) => a.name === path[0])?.type;
    let parent = op.name;
    let name = String(path[0]);
    for (const step of path.slice(1)) {
      if (!type) break;
      const nullable = getNullableType(type) as GraphQLInputType;
      if (typeof step === 'number' && isListType(nullable)) {
        type = nullable.ofType as GraphQLInputType;
      } else {
        const named = getNamedType(nullable);
        if (!isInputObjectType(named)) return {};
        parent = named.name;
        name = String(step);
        type = named.getFields()[name]?.type;
      }
    }
    if (!type) return {};
    const v = this.valid(type, name, parent);
    return isListType(getNullableType(type)) ? [] : v;
  }
}

/** Sets `value` at `path`, creating missing parents with `make(pathSoFar)`. */
function setAt(
  root: Record<string, unknown>,
  path: ArgPath,
  value: unknown,
  make: (path: ArgPath) => unknown,
): void {
  let node: any = root;
  for (let i = 0; i < path.length - 1; i++) {
    const step = path[i];
    if (node[step] === undefined || node[step] === null || typeof node[step] !== 'object') {
      node[step] = make(path.slice(0, i + 1));
    }
    if (Array.isArray(node[step]) && typeof path[i + 1] === 'number' && node[step].length === 0) {
      node[step].push(make(path.slice(0, i + 2)));
    }
    node = node[step];
  }
  node[path[path.length - 1]] = value;
}

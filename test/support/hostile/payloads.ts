import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
} from 'graphql';
import { entityOf, isKeyName } from './entity-kinds.js';
import { nestedList, nestedObject, RawJson } from './json.js';
import type { Position } from './schema-walk.js';
import { randomUuid, type ValueMaker } from './values.js';

/**
 * One hostile value for a position, named by kind (what the report prints). Core values go to
 * every position with and without a token; the others rotate over the positions (and go with
 * the token only), which keeps the corpus quick while every kind is still sent many times.
 */
export interface HostileValue {
  kind: string;
  value: unknown;
  core: boolean;
}

export const MEGABYTE = 1024 * 1024;
/** One shared 1 MB string (a corpus holds many requests that carry it). */
const ONE_MEGABYTE_STRING = 'M'.repeat(MEGABYTE);

const core = (kind: string, value: unknown): HostileValue => ({ kind, value, core: true });
const extra = (kind: string, value: unknown): HostileValue => ({ kind, value, core: false });

/** Extreme numbers: JSON tokens as written (RawJson) or JSON values, and numeric strings. */
const NUMBERS: HostileValue[] = [
  core('number 1e308', 1e308),
  core('number -1e308', -1e308),
  core('number 2^53+1', new RawJson('9007199254740993')),
  core('number 1e-320 (subnormal)', new RawJson('1e-320')),
  core('number -0', new RawJson('-0')),
  core('string "NaN"', 'NaN'),
  core('string "Infinity"', 'Infinity'),
  extra('string "-Infinity"', '-Infinity'),
  extra('number 1e309 (Infinity once parsed)', new RawJson('1e309')),
  extra('number 2^31', 2147483648),
  extra('number -2^31-1', -2147483649),
  extra('number -1', -1),
  extra('number 0', 0),
  extra('number 0.5', 0.5),
  extra('number 10001', 10001),
  extra('number 1e15*1.5', 1.5e15),
];

/** Strings that break naive code: control characters, lone surrogates, sizes past every bound. */
const STRINGS: HostileValue[] = [
  core('NUL byte', 'a\u0000b'),
  core('lone high surrogate', '\ud800'),
  core('lone low surrogate inside', 'x\udfffy'),
  core('10,001 characters', 'n'.repeat(10_001)),
  extra('empty string', ''),
  extra('blank string', '   '),
  extra('only NUL', '\u0000'),
  extra('reversed surrogate pair', '\udc00\ud800'),
  extra('control characters', '\u0001\u0007\u001b[31m\u007f'),
  extra('bidi and zero-width', '\u202eevil\u200b\ufeff'),
  extra('SQL-ish', "' OR 1=1; --"),
  extra('format string', '%s%n%x%d{0}${x}'),
  extra('path traversal', '../../../../etc/passwd'),
  extra('__proto__', '__proto__'),
  extra('65 characters', 'K'.repeat(65)),
  extra('501 characters', 't'.repeat(501)),
];

/** Values of the wrong JSON type for any position. */
function wrongTypes(type: GraphQLInputType): HostileValue[] {
  const nullable = getNullableType(type);
  const named = getNamedType(type);
  const out: HostileValue[] = [
    isNonNullType(type) ? core('null for non-null', null) : extra('null', null),
  ];
  if (isListType(nullable)) {
    out.push(core('object for list', { a: 1 }));
    out.push(core('nested lists, depth 1,000', nestedList(1_000)));
    out.push(extra('string for list', 'not a list'));
    out.push(extra('list with null item', [null]));
    return out;
  }
  if (isInputObjectType(named)) {
    out.push(core('list for object', [{}]));
    out.push(core('nested object, depth 1,000', nestedObject(1_000)));
    out.push(extra('string for object', 'not an object'));
    out.push(extra('number for object', 7));
    out.push(extra('unknown field', { zzzUnknown: 1 }));
    out.push(extra('__proto__ key', new RawJson('{"__proto__":{"polluted":true}}')));
    return out;
  }
  out.push(core('object for scalar', { a: 1 }));
  out.push(extra('list for scalar', [1, 'x']));
  if (named.name === 'String' || named.name === 'ID' || isEnumType(named)) {
    out.push(core('number for string', 42));
    out.push(extra('boolean for string', true));
  }
  if (named.name === 'Int' || named.name === 'Float') {
    out.push(core('string for number', '12'));
    out.push(extra('boolean for number', false));
  }
  if (named.name === 'Boolean') {
    out.push(core('string for boolean', 'true'));
    out.push(extra('number for boolean', 1));
  }
  if (isEnumType(named)) {
    out.push(core('unknown enum value', 'NOT_A_VALUE'));
    out.push(extra('lower-case enum value', named.getValues()[0].name.toLowerCase()));
  }
  return out;
}

export interface PayloadOptions {
  /** add a 1 MB string at this position */
  megabyte: boolean;
  /** which of the non-core values this position gets (a running counter) */
  rotation: number;
  /** how many non-core values per position */
  extras?: number;
}

/**
 * The hostile values for one position: wrong types for all, extreme numbers for numbers, nasty
 * and oversized strings for strings and ids, random, malformed and real ids and keys, lists of
 * 10,001 items, deep nesting. All core values, plus `extras` of the others in rotation.
 */
export function hostileValues(
  position: Position,
  values: ValueMaker,
  options: PayloadOptions,
): HostileValue[] {
  const { type, name, parent } = position;
  const nullable = getNullableType(type) as GraphQLInputType;
  const named = getNamedType(type);
  const all = wrongTypes(type);
  if (isListType(nullable)) {
    const item = values.valid(nullable.ofType as GraphQLInputType, name, parent);
    all.push(
      core(
        'list of 10,001 items',
        Array.from({ length: 10_001 }, () => item),
      ),
    );
  } else {
    if (named.name === 'Int' || named.name === 'Float') all.push(...NUMBERS);
    if (named.name === 'String' || named.name === 'ID') {
      all.push(...STRINGS);
      if (options.megabyte) all.push(core('1 MB string', ONE_MEGABYTE_STRING));
    }
    if (named.name === 'ID') {
      all.push(core('random id', randomUuid(values.random)));
      all.push(extra('nil uuid', '00000000-0000-0000-0000-000000000000'));
      all.push(extra('uuid with NUL', `${randomUuid(values.random)}\u0000`));
      all.push(extra('uuid, upper case', randomUuid(values.random).toUpperCase()));
      const kind = entityOf(name, parent);
      if (kind) all.push(core('another real id', values.real(kind, false, 1)));
    }
    if (named.name === 'String' && isKeyName(name)) {
      all.push(core('random key', values.unique('NOPE-')));
      all.push(extra('key with a space', 'A B'));
      const kind = entityOf(name, parent);
      if (kind) all.push(core('another real key', values.real(kind, true, 1)));
    }
    if (named.name === 'String' && /date$/i.test(name)) {
      all.push(core('impossible date', '2027-02-30'));
      all.push(extra('year 99999', '99999-12-31'));
      all.push(extra('date with time', '2027-01-01T25:61:00Z'));
    }
  }
  const extras = all.filter((v) => !v.core);
  const count = Math.min(options.extras ?? 2, extras.length);
  const picked = Array.from(
    { length: count },
    (_, i) => extras[(options.rotation * count + i) % extras.length],
  );
  return [...all.filter((v) => v.core), ...picked];
}

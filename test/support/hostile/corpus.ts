import { getNamedType, isLeafType, type GraphQLSchema } from 'graphql';
import { toJson } from './json.js';
import { hostileValues } from './payloads.js';
import { graphqlPost, type Auth, type HostileRequest } from './request.js';
import { document, operations, positions, selectionFor, type Operation } from './schema-walk.js';
import { rng, ValueMaker, type Pools } from './values.js';

export interface CorpusOptions {
  /** real ids and keys of the organization the owner token belongs to */
  pools: Pools;
  /** PRNG seed: the same seed gives the same corpus */
  seed?: number;
  /** who each request is sent as (default: the owner, then again without a token) */
  auths?: Auth[];
  /** only these operations (default: every query and mutation) */
  only?: (op: Operation) => boolean;
}

/**
 * For every query and mutation of the schema, for every argument and every input field
 * (recursively): the valid arguments once, then each hostile value in turn at that position with
 * every other argument valid (real ids and keys from the pools). Core values go with each auth,
 * rotating extras with the first (the owner). `changeMemberRole` and `removeMember` get the
 * pools' other member, never the owner (see readOrganization), so the owner keeps its access.
 */
export function argumentCorpus(schema: GraphQLSchema, options: CorpusOptions): HostileRequest[] {
  const values = new ValueMaker(options.pools, rng(options.seed ?? 9));
  const allAuths = options.auths ?? ['owner', 'none'];
  const out: HostileRequest[] = [];
  let rotation = 0;
  for (const op of destructiveLast(operations(schema))) {
    if (options.only && !options.only(op)) continue;
    // Ending the owner's sessions would leave every later request unauthenticated; the operation
    // takes no argument but the token, which the forged-token and identity tests cover.
    const auths = SESSION_ENDING.includes(op.name)
      ? allAuths.filter((a) => a !== 'owner')
      : allAuths;
    if (auths.length === 0) continue;
    const selection = selectionFor(op.field.type, 0);
    const open = PUBLIC_OPERATIONS.includes(op.name);
    const send = (argument: string, kind: string, args: Record<string, unknown>, to: Auth[]) => {
      const body = () => toJson({ query: document(op, args, selection), variables: args });
      for (const auth of to) out.push(graphqlPost(op.name, argument, kind, auth, body));
    };
    send('-', 'valid arguments', values.args(op), auths);
    // A 1 MB string goes into the first string position of each operation, keeping the
    // corpus quick; every other string position gets the 10,001-character one.
    let megabyteLeft = true;
    for (const position of positions(op)) {
      const named = getNamedType(position.type);
      const megabyte =
        megabyteLeft && isLeafType(named) && (named.name === 'String' || named.name === 'ID');
      if (megabyte) megabyteLeft = false;
      rotation += 1;
      const hostiles = hostileValues(position, values, { megabyte, rotation });
      const cores = hostiles.filter((h) => h.core);
      // Without a token a guarded operation stops at the guard, so one core value per position
      // (in rotation) covers what runs before it; public operations get everything.
      const anonymous = open ? hostiles : [cores[rotation % cores.length]];
      for (const hostile of hostiles) {
        const args = values.argsWith(op, position, hostile.value);
        const to = auths.filter((a) => a === 'owner' || anonymous.includes(hostile));
        send(position.path.join('.'), hostile.kind, args, to);
      }
    }
    const first = op.field.args[0];
    if (!first) continue;
    for (const [kind, literal] of INLINE_LITERALS) {
      const query = `${op.kind} { ${op.name}(${first.name}: ${literal}) ${selection} }`;
      const text = JSON.stringify({ query });
      for (const auth of auths) out.push(graphqlPost(op.name, first.name, kind, auth, () => text));
    }
  }
  return out;
}

/**
 * Operations that archive, remove, unlink, close or lock what the valid arguments point at go
 * last, so the others still find live rows (sorting is stable: schema order otherwise).
 */
function destructiveLast(ops: Operation[]): Operation[] {
  const destructive = (op: Operation) =>
    /^(archive|remove|unlink|close|lock)/.test(op.name) ? 1 : 0;
  return [...ops].sort((a, b) => destructive(a) - destructive(b));
}

/** Operations that end the caller's own sessions: sent only without a token. */
const SESSION_ENDING = ['signOutEverywhere'];

/** The operations anyone may call (the access-rules test holds the API to exactly these). */
export const PUBLIC_OPERATIONS = ['signUp', 'logIn', 'acceptInvite'];

/** Values written into the document itself rather than into variables (first argument only). */
const INLINE_LITERALS: [string, string][] = [
  ['inline 1e308', '1e308'],
  ['inline NUL escape', '"a\\u0000b"'],
  ['inline lone surrogate escape', '"\\ud800"'],
];

import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  Lexer,
  parse,
  print,
  Source,
  TokenKind,
  typeFromAST,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { loadEnv } from '@app/config';
import { FIELD_COSTS, fieldCost } from './field-costs.js';
import { QUERY_LIMITS } from './query-limits.js';

/**
 * The limits against the dashboard's own operations (every `graphql(...)` document in
 * apps/dashboard/src, as codegen lists them): each must pass with room to spare. An operation is
 * measured as it is sent, with the fragments it spreads (codegen appends them from their own
 * documents): a spread without its definition would count for nothing.
 */
const schema = buildSchema(readFileSync('schema.gql', 'utf8'));
const MAX_COST = loadEnv({}).limits.maxQueryCost;

function dashboardOperations(): string[] {
  const source = readFileSync('apps/dashboard/src/gql/gql.ts', 'utf8');
  const documents = [...source.matchAll(/^\s+("(?:[^"\\]|\\.)*"): typeof types\./gm)].map((m) =>
    parse(JSON.parse(m[1]) as string),
  );
  const fragments = new Map(
    documents
      .flatMap((d) => d.definitions)
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return documents
    .filter((d) => d.definitions.some((x) => x.kind === Kind.OPERATION_DEFINITION))
    .map((d) => {
      const used = new Map<string, FragmentDefinitionNode>();
      const collect = (node: DocumentNode | FragmentDefinitionNode) =>
        visit(node, {
          FragmentSpread(spread) {
            const fragment = fragments.get(spread.name.value);
            if (!fragment) throw new Error(`no fragment ${spread.name.value} in the dashboard`);
            if (used.has(fragment.name.value)) return;
            used.set(fragment.name.value, fragment);
            collect(fragment);
          },
        });
      collect(d);
      const own = d.definitions.filter((x) => x.kind === Kind.OPERATION_DEFINITION);
      return print({ kind: Kind.DOCUMENT, definitions: [...own, ...used.values()] });
    });
}

function depth(
  set: SelectionSetNode | undefined,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): number {
  if (!set) return 0;
  return (
    1 +
    Math.max(
      0,
      ...set.selections.map((s) =>
        s.kind === Kind.FRAGMENT_SPREAD
          ? depth(fragments.get(s.name.value)?.selectionSet, fragments) - 1
          : depth('selectionSet' in s ? s.selectionSet : undefined, fragments),
      ),
    )
  );
}

function tokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

/** A value of the right shape for a variable (costs depend on arguments, not on the values). */
function sample(type: GraphQLInputType): unknown {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return [];
  if (isEnumType(t)) return t.getValues()[0].value;
  if (isInputObjectType(t)) {
    return Object.fromEntries(
      Object.values(t.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  return ({ Int: 1, Float: 1, Boolean: false } as Record<string, unknown>)[String(t)] ?? 'x';
}

function costOf(query: string, s: GraphQLSchema = schema): number {
  const document = parse(query);
  const variables: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    for (const v of (definition as OperationDefinitionNode).variableDefinitions ?? []) {
      variables[v.variable.name.value] = sample(
        typeFromAST(s, v.type as never) as GraphQLInputType,
      );
    }
  }
  return getComplexity({ schema: s, query: document, variables, estimators: [fieldCost] });
}

describe('query cost and shape limits', () => {
  it('names only fields of the schema in the cost table', () => {
    const unknown = Object.keys(FIELD_COSTS).filter((key) => {
      const [typeName, field] = key.split('.');
      const type = schema.getType(typeName);
      return !isObjectType(type) || !(field in type.getFields());
    });
    expect(unknown).toEqual([]);
  });

  it('lets every dashboard operation through with room to spare', () => {
    const operations = dashboardOperations();
    expect(operations.length).toBeGreaterThan(15);
    for (const query of operations) {
      const document = parse(query);
      const op = document.definitions.find((d) => d.kind === 'OperationDefinition') as
        OperationDefinitionNode | undefined;
      const fragments = new Map(
        document.definitions
          .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((f) => [f.name.value, f]),
      );
      const name = op?.name?.value ?? 'fragment';
      expect({ name, cost: costOf(query) <= MAX_COST / 4 }).toEqual({ name, cost: true });
      expect({
        name,
        depth: depth(op?.selectionSet, fragments) <= QUERY_LIMITS.maxDepth / 2,
      }).toEqual({
        name,
        depth: true,
      });
      expect({ name, tokens: tokens(query) <= QUERY_LIMITS.maxTokens / 4 }).toEqual({
        name,
        tokens: true,
      });
    }
  });

  it('prices a page by its first, times its fields', () => {
    expect(costOf('{ cycles(first: 10) { nodes { key name } } }')).toBe(1 + 10 * (1 + 2));
    expect(costOf('{ cycles(first: 200) { nodes { key name } } }')).toBe(1 + 200 * (1 + 2));
    expect(costOf('{ cycles { nodes { key } } }')).toBe(1 + 50 * (1 + 1));
  });

  it('prices the six-level cycle -> objectives -> cycle nesting far over the limit', () => {
    const level = (inner: string) => `objectives(first: 200) { nodes { cycle { ${inner} } } }`;
    const attack = `{ cycles(first: 200) { nodes { ${level(level(level('key')))} } } }`;
    expect(costOf(attack)).toBeGreaterThan(MAX_COST * 1_000);
  });

  it('prices the reports and imports above plain reads', () => {
    expect(costOf('{ gaps { unaligned { reason } } }')).toBeGreaterThanOrEqual(2_000);
    expect(costOf('mutation { importPlan(yaml: "x") { applied } }')).toBeGreaterThanOrEqual(10_000);
    expect(costOf('{ alignmentTrend(last: 26) { live } }')).toBeGreaterThanOrEqual(5_200);
  });
});

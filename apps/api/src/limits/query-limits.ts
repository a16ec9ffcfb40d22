import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { GraphQLError, Kind, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * The shape limits of one GraphQL document. The dashboard's largest operation has 132 tokens,
 * depth 7, no aliases and no directives. The token limit also bounds nesting: an opening and a
 * closing token per level keeps any document under 1,000 levels, well inside what the parser and
 * the validation rules can walk without exhausting the stack (about 1,900 levels here).
 */
export const QUERY_LIMITS = {
  /** tokens of the document (names, punctuation, values); refused while parsing */
  maxTokens: 2_000,
  /** nested selections, fragments flattened */
  maxDepth: 20,
  maxAliases: 15,
  maxDirectives: 20,
} as const;

/** The code of every refused query shape or cost; the message names the limit. */
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

export function queryTooComplex(message: string, status = 400): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: QUERY_TOO_COMPLEX, http: { status } },
  });
}

/**
 * graphql-armor's depth, alias and directive rules (validation, so refused before anything runs).
 * Not used from it: the token limit (Apollo's `parseOptions.maxTokens`, graphql-js's own, stops
 * the one parse at the limit, where armor's plugin parses every document a second time), the cost
 * limit (replaced by the per-field cost of query-cost.plugin.ts, which counts pages by their
 * `first`) and the field-suggestion blocking (it matches only `Did you mean "x"`, leaves a stray
 * "?" and misses the enum-value form; the error formatter strips every form in production).
 */
export function armorProtection(production: boolean): {
  plugins: ApolloServerPlugin[];
  validationRules: ((context: ValidationContext) => ASTVisitor)[];
} {
  const reject: GraphQLArmorRejectCallback = (context, error) =>
    context?.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        extensions: { code: QUERY_TOO_COMPLEX },
      }),
    );
  const refusal = { propagateOnRejection: false, onReject: [reject], exposeLimits: true };
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true, ...refusal },
    maxAliases: { n: QUERY_LIMITS.maxAliases, ...refusal },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...refusal },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    plugins: plugins as ApolloServerPlugin[],
    validationRules: production
      ? [...validationRules, introspectionOfTypeNamesOnly]
      : validationRules,
  };
}

/** What `__type(name: ...)` may ask for in production: whether a type exists, and its kind. */
const TYPE_NAME_FIELDS = new Set(['name', 'kind', '__typename']);

/**
 * Introspection stays off in production (the schema is published as schema.gql for those who
 * build against it), except `__type(name: "X") { name kind }`: whether a type of that name exists,
 * which `__typename` on any object already tells. The GraphQL-over-HTTP audit asks exactly this
 * to check that variables work; Apollo's own switch would refuse `__type` altogether.
 */
export function introspectionOfTypeNamesOnly(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      const name = node.name.value;
      const allowed =
        name !== '__schema' &&
        (name !== '__type' ||
          (node.selectionSet?.selections ?? []).every(
            (s) => s.kind === Kind.FIELD && TYPE_NAME_FIELDS.has(s.name.value),
          ));
      if (!allowed) {
        context.reportError(
          new GraphQLError(
            'introspection is off in production: the schema is published as schema.gql',
            { nodes: node, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
          ),
        );
      }
    },
  };
}

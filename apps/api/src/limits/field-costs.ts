import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  type GraphQLCompositeType,
  type GraphQLOutputType,
} from 'graphql';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';

/**
 * What a field costs on its own, before its children, where that is more than the default: the
 * reports that read every ticket in scope, the planning views, the plan and ticket imports and
 * exports, the writes that recompute a report. Keyed `Type.field`; a function gets the field's
 * arguments. (A test checks every key names a field of the schema.)
 */
export const FIELD_COSTS: Record<string, number | ((args: Record<string, unknown>) => number)> = {
  'Query.alignment': 1_000,
  'Query.alignmentTree': 1_000,
  'Query.gaps': 2_000,
  'Query.explainGoal': 500,
  'Query.explainTicket': 100,
  'Query.alignmentTrend': (args) => 200 * (typeof args.last === 'number' ? args.last : 6),
  'Query.projectedAlignment': 500,
  'Query.planningSession': 1_000,
  'Query.planVsActual': 1_000,
  'Query.capacity': 200,
  // the plan and each scenario: a planning session's work per column
  'Query.compareScenarios': (args) =>
    1_000 * (1 + (Array.isArray(args.scenarioIds) ? args.scenarioIds.length : 1)),
  'Mutation.promoteScenario': 1_000,
  'Query.exportPlan': 2_000,
  'Mutation.importPlan': 10_000,
  'Mutation.importTickets': 10_000,
  'Mutation.upsertTickets': (args) =>
    1_000 + (Array.isArray(args.tickets) ? args.tickets.length : 0),
  'Mutation.closeSprint': 1_000,
  'Mutation.lockCycle': 1_000,
  'Mutation.closeCycle': 1_000,
  'Mutation.carryForward': 500,
  'Mutation.updateOrganizationSettings': 500,
};

/** Any other field costs 1; a mutation (a write, often a password hash) 10. */
export const FIELD_COST = 1;
export const MUTATION_COST = 10;
/** How many items a plain list field (no `first`: the small lists of one node) is assumed to hold. */
export const LIST_SIZE = 5;

/**
 * graphql-query-complexity estimator: the field's own cost plus its children's, times the number
 * of items it can return. A page (`{ nodes, pageInfo }` with `first`) returns up to `first` items,
 * so `cycles(first: 200) { nodes { objectives(first: 200) { ... } } }` costs 200 x 200 x ...
 */
export function fieldCost({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  const explicit = FIELD_COSTS[`${type.name}.${field.name}`];
  const own =
    typeof explicit === 'function'
      ? explicit(args)
      : (explicit ?? (type.name === 'Mutation' ? MUTATION_COST : FIELD_COST));
  // a page's `nodes` are the items its `first` already counted
  if (field.name === 'nodes' && isPage(type)) return own + childComplexity;
  return own + itemsOf(field.type, args) * childComplexity;
}

function itemsOf(type: GraphQLOutputType, args: Record<string, unknown>): number {
  if (isPage(type) && typeof args.first === 'number') return args.first;
  return isListType(getNullableType(type)) ? LIST_SIZE : 1;
}

function isPage(type: GraphQLOutputType | GraphQLCompositeType): boolean {
  const named = getNamedType(type);
  if (!isObjectType(named)) return false;
  const fields = named.getFields();
  return 'nodes' in fields && 'pageInfo' in fields;
}

import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/**
 * Any JSON value, as it is: used where the shape is the stored row's own (the audit log's
 * before and after), not a type of the API.
 */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});

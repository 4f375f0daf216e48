import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 5000;

export const depthLimitRule = depthLimit(MAX_QUERY_DEPTH);

/** Refuse a query whose estimated cost is too high, before any resolver runs. */
export function queryCostPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables,
              operationName: request.operationName,
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (err) {
            // Bad variables: execution reports them as BAD_USER_INPUT with the field; nothing to price.
            if (err instanceof GraphQLError) return;
            throw err;
          }
          if (cost > MAX_QUERY_COST) {
            throw new GraphQLError(`The query costs ${cost}, more than the ${MAX_QUERY_COST} allowed: ask for fewer fields or smaller pages.`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost: MAX_QUERY_COST, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type ValidationContext,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 5000;

function selectionDepth(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      // Depth counts nesting: `{ me { companyId } }` is 1 deep. Introspection counts like any field.
      if (selection.selectionSet) deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      // A fragment cycle is NoFragmentCyclesRule's to report; here it only must not recurse forever.
      if (seen.has(name)) continue;
      const fragment = fragments.get(name);
      if (fragment) deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

/** Refuse operations nested deeper than MAX_QUERY_DEPTH fields, following fragments safely. */
export const depthLimitRule: ValidationRule = (context: ValidationContext) => {
  const definitions: readonly DefinitionNode[] = context.getDocument().definitions;
  const fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  return {
    OperationDefinition(operation) {
      const depth = selectionDepth(operation.selectionSet, fragments, new Set());
      if (depth > MAX_QUERY_DEPTH) {
        context.reportError(new GraphQLError(`The operation is ${depth} levels deep; at most ${MAX_QUERY_DEPTH} are allowed: ask for less nested data.`, { nodes: [operation] }));
      }
    },
  };
};

const tooCostly = (detail: string) =>
  new GraphQLError(`The query costs too much (${detail}); at most ${MAX_QUERY_COST} allowed: ask for fewer fields, fewer aliases or smaller pages.`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', maxCost: MAX_QUERY_COST, http: { status: 400 } },
  });

/**
 * The variables a price can depend on: numbers (page sizes read by a field's `complexity`) and
 * booleans (`@include` / `@skip`). Texts, lists and input objects — a message's subject, body and
 * recipients — change on every send and price nothing, so they stay out of the key.
 */
function pricingVariables(variables: Record<string, unknown> | undefined): string {
  if (!variables) return '';
  let key = '';
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) key += `${name}=${String(value)};`;
  }
  return key;
}

/** Refuse a query whose estimated cost is too high, before any resolver runs. */
export function queryCostPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  // ERP modules send the same few operations over and over: price each once per (query, the
  // variables a price can depend on). A field's complexity must read only number arguments.
  const known = new Map<string, number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const key = request.query && request.query.length < 10_000 ? `${request.operationName ?? ''}\u0000${pricingVariables(request.variables)}\u0000${request.query}` : null;
          const priced = key ? known.get(key) : undefined;
          if (priced !== undefined) {
            if (priced > MAX_QUERY_COST) throw tooCostly(`cost ${priced}`);
            return;
          }
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables,
              operationName: request.operationName,
              // A field may price itself (a page costs per row asked for); every other field costs 1.
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (err) {
            // Bad variables are execution's to report, as BAD_USER_INPUT naming the field.
            if (err instanceof GraphQLError && /^Variable "\$/.test(err.message)) return;
            // Anything else (e.g. more nodes than the estimator will walk) is too costly by definition.
            throw tooCostly(err instanceof Error ? err.message : 'not priceable');
          }
          if (key) {
            if (known.size >= 1000) known.clear();
            known.set(key, cost);
          }
          if (cost > MAX_QUERY_COST) throw tooCostly(`cost ${cost}`);
        },
      };
    },
  };
}

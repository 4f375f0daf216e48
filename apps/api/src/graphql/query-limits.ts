import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type ValidationContext,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { RequestContext } from '../common/request-context';
import { UserFacingError } from '../common/user-facing-error';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 5000;

type Fragments = Map<string, FragmentDefinitionNode>;

/** The root fields that read the schema itself; everything under them is an introspection field. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * How deep an operation is counted. `strict` counts every field. `signedIn` lets an introspection
 * query's type references through: inside `__schema` / `__type`, an `ofType` chain that selects only
 * leaves and further `ofType` (GraphiQL's TypeRef fragment, `[String!]!` unwrapped) adds no level.
 * A wrapper type has exactly one inner type, so such a chain is linear and cannot fan out; a chain
 * that selects `fields`, `interfaces`, ... does fan out, and counts in full.
 */
export type DepthMode = 'strict' | 'signedIn';

/** A selection of leaves and `ofType` chains of leaves only (following fragments; a cycle is not). */
function isTypeReference(set: SelectionSetNode, fragments: Fragments, seen: ReadonlySet<string>): boolean {
  return set.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return !selection.selectionSet || (selection.name.value === 'ofType' && isTypeReference(selection.selectionSet, fragments, seen));
    if (selection.kind === Kind.INLINE_FRAGMENT) return isTypeReference(selection.selectionSet, fragments, seen);
    const fragment = fragments.get(selection.name.value);
    return !!fragment && !seen.has(selection.name.value) && isTypeReference(fragment.selectionSet, fragments, new Set([...seen, selection.name.value]));
  });
}

function selectionDepth(set: SelectionSetNode | undefined, fragments: Fragments, seen: Set<string>, mode: DepthMode, inIntrospection: boolean): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      // Depth counts nesting: `{ me { companyId } }` is 1 deep. Introspection counts like any field,
      // but for a signed-in caller a type reference under it is free (see DepthMode).
      if (!selection.selectionSet) continue;
      const introspection = inIntrospection || INTROSPECTION_ROOTS.has(selection.name.value);
      const free = mode === 'signedIn' && inIntrospection && selection.name.value === 'ofType' && isTypeReference(selection.selectionSet, fragments, seen);
      if (!free) deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, seen, mode, introspection));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, seen, mode, inIntrospection));
    } else {
      const name = selection.name.value;
      // A fragment cycle is NoFragmentCyclesRule's to report; here it only must not recurse forever.
      if (seen.has(name)) continue;
      const fragment = fragments.get(name);
      if (fragment) deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, fragments, new Set([...seen, name]), mode, inIntrospection));
    }
  }
  return deepest;
}

function fragmentsOf(document: DocumentNode): Fragments {
  return new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
}

/** How deep an operation is, following fragments safely. */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode, mode: DepthMode): number {
  return selectionDepth(operation.selectionSet, fragmentsOf(document), new Set(), mode, false);
}

const tooDeep = (depth: number, nodes?: OperationDefinitionNode) =>
  new GraphQLError(`The operation is ${depth} levels deep; at most ${MAX_QUERY_DEPTH} are allowed: ask for less nested data.`, nodes ? { nodes: [nodes] } : {});

/**
 * Refuse operations nested deeper than MAX_QUERY_DEPTH fields. Apollo caches a validated document
 * for every caller, so this rule counts as for a signed-in caller; `signedOutIntrospectionPlugin`
 * counts strictly for a caller without a session, per request.
 */
export const depthLimitRule: ValidationRule = (context: ValidationContext) => {
  const document = context.getDocument();
  return {
    OperationDefinition(operation) {
      const depth = operationDepth(document, operation, 'signedIn');
      if (depth > MAX_QUERY_DEPTH) context.reportError(tooDeep(depth, operation));
    },
  };
};

/**
 * A caller without a session gets no free type references: the full introspection query (14 levels)
 * is refused with a pointer to logging in, as it was before signed-in callers were let through.
 */
export function signedOutIntrospectionPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (contextValue.caller || !operation) return;
          const depth = operationDepth(document, operation, 'strict');
          if (depth <= MAX_QUERY_DEPTH) return;
          throw new UserFacingError(
            'UNAUTHENTICATED',
            {
              fi: `Kysely on ${depth} tasoa syvä; kirjautumatta enintään ${MAX_QUERY_DEPTH}. Kirjaudu sisään ja lähetä tunnus (Authorization: Bearer …): kirjautuneena skeeman tyyppiviittaukset (ofType) eivät kasvata syvyyttä.`,
              en: `The operation is ${depth} levels deep; at most ${MAX_QUERY_DEPTH} without signing in. Log in and send the token (Authorization: Bearer …): signed in, the schema's type references (ofType) add no depth.`,
            },
            { reason: 'QUERY_TOO_DEEP', extra: { maxDepth: MAX_QUERY_DEPTH, http: { status: 400 } } },
          );
        },
      };
    },
  };
}

const tooCostly = (detail: string) =>
  new GraphQLError(`The query costs too much (${detail}); at most ${MAX_QUERY_COST} allowed: ask for fewer fields, fewer aliases or smaller pages.`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', maxCost: MAX_QUERY_COST, http: { status: 400 } },
  });

/**
 * The variables a price can depend on: numbers (page sizes read by a field's `complexity`) and
 * booleans (`@include` / `@skip`). Texts, lists and input objects — a message's subject, body and
 * recipients — change on every send and price nothing, so they stay out of the key. Only the
 * variables the operation declares count, each by its name, absent or not: a variable it does not
 * declare prices nothing, and must not make two requests that are priced differently look alike.
 */
function pricingVariables(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): unknown[] {
  return (operation.variableDefinitions ?? []).map((definition) => {
    const name = definition.variable.name.value;
    if (!variables || !Object.prototype.hasOwnProperty.call(variables, name)) return [name];
    const value = variables[name];
    return typeof value === 'number' || typeof value === 'boolean' || value === null ? [name, value] : [name, '*'];
  });
}

/** Refuse a query whose estimated cost is too high, before any resolver runs. */
export function queryCostPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  // ERP modules send the same few operations over and over: price each once per (query, the
  // variables a price can depend on). A field's complexity must read only number arguments.
  const known = new Map<string, number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          const key = operation && request.query && request.query.length < 10_000 ? JSON.stringify([request.operationName ?? null, pricingVariables(operation, request.variables), request.query]) : null;
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

import { NoFragmentCyclesRule, buildSchema, getIntrospectionQuery, parse, validate, type OperationDefinitionNode } from 'graphql';
import { MAX_QUERY_DEPTH, depthLimitRule, operationDepth } from '../../src/graphql/query-limits';

// Our own schema is shallow, so the rule is tried on a self-referencing type where depth is free.
const schema = buildSchema('type Node { child: Node name: String } type Query { root: Node }');

function nested(depth: number): string {
  let selection = 'name';
  for (let i = 0; i < depth; i++) selection = `child { ${selection} }`;
  return `{ root { ${selection} } }`;
}

describe('the query depth limit', () => {
  it(`accepts a query ${MAX_QUERY_DEPTH} levels deep`, () => {
    expect(validate(schema, parse(nested(MAX_QUERY_DEPTH - 1)), [depthLimitRule])).toEqual([]);
  });

  it('refuses a query one level deeper', () => {
    const errors = validate(schema, parse(nested(MAX_QUERY_DEPTH)), [depthLimitRule]);
    expect(errors[0]?.message).toMatch(/11 levels deep; at most 10/);
  });

  it('counts the depth inside fragments', () => {
    let inner = 'name';
    for (let i = 0; i < MAX_QUERY_DEPTH; i++) inner = `child { ${inner} }`;
    const query = `{ root { ...Deep } } fragment Deep on Node { ${inner} }`;
    expect(validate(schema, parse(query), [depthLimitRule])).toHaveLength(1);
  });

  it('leaves a fragment cycle to the cycle rule instead of recursing forever', () => {
    const errors = validate(schema, parse('{ root { ...A } } fragment A on Node { child { ...A } }'), [depthLimitRule, NoFragmentCyclesRule]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/Cannot spread fragment "A" within itself/)]);
  });

  it('counts introspection fields that fan out: a type\'s fields\' types\' fields', () => {
    let selection = 'name';
    for (let i = 0; i < 4; i++) selection = `fields { type { ofType { ${selection} } } }`;
    expect(validate(schema, parse(`{ __schema { types { ${selection} } } }`), [depthLimitRule])).toHaveLength(1);
  });

  it('lets GraphiQL\'s introspection query through: its type references (ofType chains of leaves) add no level', () => {
    const query = parse(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }));
    expect(validate(schema, query, [depthLimitRule])).toEqual([]);
    const operation = query.definitions[0] as OperationDefinitionNode;
    expect([operationDepth(query, operation, 'signedIn'), operationDepth(query, operation, 'strict')]).toEqual([5, 14]);
  });

  it('counts an ofType chain in full when it selects more than type references', () => {
    let chain = 'fields { name }';
    for (let i = 0; i < 12; i++) chain = `ofType { ${chain} }`;
    expect(validate(schema, parse(`{ __schema { types { ${chain} } } }`), [depthLimitRule])).toHaveLength(1);
  });

  it('frees no field named ofType outside introspection', () => {
    const own = buildSchema('type Node { ofType: Node name: String } type Query { root: Node }');
    let chain = 'name';
    for (let i = 0; i < 12; i++) chain = `ofType { ${chain} }`;
    expect(validate(own, parse(`{ root { ${chain} } }`), [depthLimitRule])).toHaveLength(1);
  });
});

import { NoFragmentCyclesRule, buildSchema, parse, validate } from 'graphql';
import { MAX_QUERY_DEPTH, depthLimitRule } from '../../src/graphql/query-limits';

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

  it('counts introspection fields too', () => {
    let selection = 'name';
    for (let i = 0; i < 12; i++) selection = `ofType { ${selection} }`;
    expect(validate(schema, parse(`{ __schema { types { ${selection} } } }`), [depthLimitRule])).toHaveLength(1);
  });
});

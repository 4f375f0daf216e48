import { buildSchema, parse, validate } from 'graphql';
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
    expect(errors[0]?.message).toMatch(/exceeds maximum operation depth of 10/);
  });
});

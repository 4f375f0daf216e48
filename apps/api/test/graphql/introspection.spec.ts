import { getIntrospectionQuery } from 'graphql';
import { startTestApi, type TestApi } from '../support/test-api';

// GraphiQL's Docs and autocomplete read the schema with the full introspection query (14 levels with
// its type references). Signed in, it passes the depth and cost limits; without a session it does not.
const INTROSPECTION = getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true });

describe('introspection through the query limits', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(async () => {
    await api?.close();
  });

  type Schema = { __schema: { queryType: { name: string }; types: { name: string }[] } };

  it('answers a signed-in user\'s full introspection query with the whole schema', async () => {
    const result = await api.gql<Schema>(INTROSPECTION, {}, { token: api.a.user.token });
    expect(result.errors).toBeUndefined();
    expect(result.data?.__schema.types.map((t) => t.name)).toEqual(expect.arrayContaining(['Query', 'Mutation', 'MessageStatus', 'ComposedDraftType']));
  });

  it('answers a service key\'s introspection query too (an ERP module generating its types)', async () => {
    const created = await api.gql<{ createServiceKey: { key: string } }>('mutation { createServiceKey(input: { name: "Codegen", module: "sales" }) { key } }', {}, { token: api.a.admin.token });
    expect(created.errors).toBeUndefined();
    const result = await api.gql<Schema>(INTROSPECTION, {}, { token: created.data?.createServiceKey.key });
    expect(result.errors).toBeUndefined();
    expect(result.data?.__schema.queryType.name).toBe('Query');
  });

  it('refuses the full introspection query without a session, saying to log in, in the caller\'s language', async () => {
    // Asked signed in first: Apollo's cache of validated documents must not let it through afterwards.
    await api.gql(INTROSPECTION, {}, { token: api.a.user.token });
    const fi = await api.gql(INTROSPECTION, {}, { headers: { 'accept-language': 'fi' } });
    expect(fi.status).toBe(400);
    expect(fi.data).toBeUndefined();
    expect(fi.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'QUERY_TOO_DEEP', maxDepth: 10 });
    expect(fi.errors?.[0]?.message).toMatch(/^Kysely on 14 tasoa syvä; kirjautumatta enintään 10\. Kirjaudu sisään/);
    const en = await api.gql(INTROSPECTION, {}, { headers: { 'accept-language': 'en' } });
    expect(en.errors?.[0]?.message).toMatch(/^The operation is 14 levels deep; at most 10 without signing in\. Log in/);
  });

  it('refuses even a shallow introspection query without a session, saying to log in', async () => {
    const result = await api.gql<Schema>('{ __schema { queryType { name } } }');
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INTROSPECTION_NEEDS_LOGIN' });
    expect(result.data?.__schema).toBeUndefined();
  });

  it('still refuses a signed-in caller\'s introspection that fans out deeper than the limit', async () => {
    const levels = 'fields { type { ofType { '.repeat(4);
    const result = await api.gql(`{ __schema { types { ${levels}name${' } } }'.repeat(4)} } } }`, {}, { token: api.a.admin.token });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/levels deep; at most 10/);
  });

  it('still refuses a signed-in caller\'s ordinary fields nested deeper than the limit next to introspection', async () => {
    const deep = `${'{ formatted '.repeat(12)}${'}'.repeat(12)}`;
    const result = await api.gql(`{ __schema { queryType { name } } messages { nodes { from ${deep} } } }`, {}, { token: api.a.admin.token });
    expect(result.status).toBe(400);
    expect(result.errors?.map((e) => e.message)).toContainEqual(expect.stringMatching(/14 levels deep; at most 10/));
  });
});

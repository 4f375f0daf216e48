import { startTestApi, type TestApi } from '../support/test-api';

describe('the HTTP edge', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite', { env: { MAESTRO_CORS_ORIGINS: 'https://erp.yritys.fi' } });
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers malformed JSON with 400 and a reason', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/not valid JSON/);
  });

  it('answers an oversized body with 413 and where to send files instead', async () => {
    const response = await post(JSON.stringify({ query: '{ me { companyId } }', variables: { x: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(response.status).toBe(413);
    expect(JSON.stringify(await response.json())).toMatch(/attachments/);
  });

  it('keeps CSRF prevention on: a simple GET query without a preflight header is refused', async () => {
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ me { companyId } }')}`);
    expect(response.status).toBe(400);
  });

  it('allows a configured front-end origin and refuses any other', async () => {
    const allowed = await post(JSON.stringify({ query: '{ me { companyId } }' }), { origin: 'https://erp.yritys.fi' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://erp.yritys.fi');
    const refused = await post(JSON.stringify({ query: '{ me { companyId } }' }), { origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a query that costs too much, saying why', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `p${i}: sendPolicies { source sendMode defaultOutput attachmentsAllowed sourceLabel migratedFromSendLater }`).join(' ');
    const result = await api.gql(`{ ${aliases} }`, {}, { token: api.a.admin.token });
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('prices the same query again when a page size changes: a cheap page does not let a costly one through', async () => {
    const pages = Array.from({ length: 3 }, (_, i) => `p${i}: messages(first: $first, filter: { text: $search }) { nodes { id status subject to cc bcc from { address } createdAt } }`).join(' ');
    const query = `query Pages($first: Int, $search: String) { ${pages} }`;
    const small = await api.gql(query, { first: 5, search: 'a' }, { token: api.a.admin.token });
    expect(small.errors).toBeUndefined();
    const large = await api.gql(query, { first: 200, search: 'a' }, { token: api.a.admin.token });
    expect(large.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    // A different text variable is the same price: still answered.
    const again = await api.gql(query, { first: 5, search: 'b' }, { token: api.a.admin.token });
    expect(again.errors).toBeUndefined();
  });

  it('prices a query by the variables it declares: a variable it does not declare cannot pass for one it does', async () => {
    const pages = Array.from({ length: 3 }, (_, i) => `p${i}: messages(first: 200) @skip(if: $s) { nodes { id status subject to cc bcc from { address } createdAt } }`).join(' ');
    const query = `query Skipped($s: Boolean = true) { ${pages} }`;
    // Everything skipped: cheap. The undeclared "s=false;x" once made the same key as { s: false, x: true }.
    const cheap = await api.gql(query, { 's=false;x': true }, { token: api.a.admin.token });
    expect(cheap.errors).toBeUndefined();
    const costly = await api.gql(query, { s: false, x: true }, { token: api.a.admin.token });
    expect(costly.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('never answers with a stack trace, even outside production', async () => {
    // Apollo adds stack traces by default unless NODE_ENV is production or test.
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    const dev = await startTestApi('sqlite');
    process.env.NODE_ENV = previous;
    try {
      const result = await dev.gql('mutation { login(username: "admin", password: "x") { token } }');
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(result)).not.toMatch(/stacktrace|\.ts:\d+|\.js:\d+/);
    } finally {
      await dev.close();
    }
  });

  it('reports itself healthy and ready', async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${api.url}/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it('tags every response with a request id', async () => {
    const response = await post(JSON.stringify({ query: '{ me { companyId } }' }));
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });

  it('logs each request at info with its request id, and every line a resolver writes for it', async () => {
    const requestId = 'logged-request-1';
    const result = await api.gql('mutation($i: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $i) { senderName } }', { i: { senderName: 'Yritys A' } }, { token: api.a.admin.token, headers: { 'x-request-id': requestId } });
    expect(result.errors).toBeUndefined();
    const lines = api.logs.map((line) => JSON.parse(line) as { level: number; msg: string; requestId?: string; status?: number }).filter((line) => line.requestId === requestId);
    expect(lines.map(({ level, msg, status }) => ({ level, msg, status }))).toEqual([
      { level: 30, msg: 'company message settings updated', status: undefined },
      { level: 30, msg: 'request', status: 200 },
    ]);
  });

  it('answers an enum value that does not exist with BAD_USER_INPUT naming the field', async () => {
    const result = await api.gql('mutation($i: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $i) { senderName } }', { i: { smtp: { encryption: 'SSL3' } } }, { token: api.a.admin.token });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('smtp.encryption');
  });
});

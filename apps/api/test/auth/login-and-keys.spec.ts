import { DATABASE_KINDS } from '../support/test-databases';
import { TEST_PASSWORD, startTestApi, type TestApi } from '../support/test-api';

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { username role } } }';
const ME = '{ me { companyName user { username role } serviceKeyModule } }';
const CREATE_KEY = 'mutation($input: CreateServiceKeyInput!) { createServiceKey(input: $input) { key serviceKey { id module defaultUserId } } }';

describe.each(DATABASE_KINDS)('logins and service keys on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('logs a user in and the token identifies them', async () => {
    const login = await api.gql<{ login: { token: string; user: { role: string } } }>(LOGIN, { u: 'a-admin', p: TEST_PASSWORD });
    expect(login.data?.login.user.role).toBe('ADMIN');
    const me = await api.gql<{ me: { companyName: string; user: { username: string } } }>(ME, {}, { token: login.data?.login.token });
    expect(me.data?.me).toMatchObject({ companyName: 'Yritys A Oy', user: { username: 'a-admin' } });
  });

  it('reads the company and the user for me only when they are asked for', async () => {
    const companies = jest.spyOn(api.runtime.services.companies, 'get');
    const users = jest.spyOn(api.runtime.services.users, 'get');
    try {
      const bare = await api.gql('{ me { __typename companyId } }', {}, { token: api.a.user.token });
      expect(bare.data).toEqual({ me: { __typename: 'Me', companyId: api.a.id } });
      expect(companies).not.toHaveBeenCalled();
      expect(users).not.toHaveBeenCalled();
      const full = await api.gql(ME, {}, { token: api.a.user.token });
      expect(full.data).toEqual({ me: { companyName: 'Yritys A Oy', user: { username: 'a-user', role: 'USER' }, serviceKeyModule: null } });
      expect(companies).toHaveBeenCalledTimes(1);
      expect(users).toHaveBeenCalledTimes(1);
    } finally {
      companies.mockRestore();
      users.mockRestore();
    }
  });

  it('refuses a wrong password with the same answer as an unknown username', async () => {
    const wrong = await api.gql(LOGIN, { u: 'a-user', p: 'väärä-salasana' });
    const unknown = await api.gql(LOGIN, { u: 'ei-ole', p: 'väärä-salasana' });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
  });

  it('slows down repeated failed logins for one username', async () => {
    await api.runtime.services.users.create(api.a.id, { username: 'a-guessed', password: TEST_PASSWORD, role: 'USER' });
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) codes.push(String((await api.gql(LOGIN, { u: 'a-guessed', p: `guess-${i}` })).errors?.[0]?.extensions?.code));
    expect(codes.slice(0, 5).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(codes.slice(5)).toContain('TOO_MANY_REQUESTS');
    // Even the right password waits until the block has passed.
    const right = await api.gql(LOGIN, { u: 'a-guessed', p: TEST_PASSWORD });
    expect(right.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
  });

  it('judges no more guesses sent all at once than it would one after another', async () => {
    await api.runtime.services.users.create(api.a.id, { username: 'a-flooded', password: TEST_PASSWORD, role: 'USER' });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => api.gql(LOGIN, { u: 'a-flooded', p: `guess-${i}` })));
    const codes = answers.map((answer) => answer.errors?.[0]?.extensions?.code);
    // One after another, six are judged before the first block (the slow-down test above): the rest
    // are refused before their password is checked.
    expect(codes.filter((code) => code === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(6);
    expect(codes.filter((code) => code === 'TOO_MANY_REQUESTS').length).toBeGreaterThanOrEqual(14);
  });

  it("judges no more guesses of a signed-in user's password sent all at once than one after another", async () => {
    await api.runtime.services.users.create(api.a.id, { username: 'a-stolen', password: TEST_PASSWORD, role: 'USER' });
    const token = await api.login('a-stolen', TEST_PASSWORD);
    const change = 'mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) { token } }';
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => api.gql(change, { c: `guess-${i}`, n: 'Uusi-pitkä-salasana-2026' }, { token })));
    const reasons = answers.map((answer) => answer.errors?.[0]?.extensions?.reason ?? answer.errors?.[0]?.extensions?.code);
    expect(reasons.filter((reason) => reason === 'CURRENT_PASSWORD_WRONG').length).toBeLessThanOrEqual(6);
    expect(reasons.filter((reason) => reason === 'TOO_MANY_REQUESTS').length).toBeGreaterThanOrEqual(14);
  });

  it('checks one password per request: aliases of login or changeMyPassword cannot fill the queue every login shares', async () => {
    await api.runtime.services.users.create(api.a.id, { username: 'a-aliased', password: TEST_PASSWORD, role: 'USER' });
    const logins = await api.gql(`mutation($p: String!) { l1: login(username: "a-aliased", password: $p) { token } l2: login(username: "a-aliased", password: $p) { token } }`, { p: TEST_PASSWORD });
    expect(logins.errors?.map((e) => [e.path, e.extensions?.reason])).toEqual([[['l2'], 'ONCE_PER_REQUEST']]);
    const token = await api.login('a-aliased', TEST_PASSWORD);
    const changes = await api.gql(
      'mutation($a: String!, $b: String!) { c1: changeMyPassword(currentPassword: $a, newPassword: $b) { token } c2: changeMyPassword(currentPassword: $b, newPassword: $a) { token } }',
      { a: TEST_PASSWORD, b: 'Toinen-pitkä-salasana-2026' },
      { token },
    );
    expect(changes.errors?.map((e) => [e.path, e.extensions?.reason])).toEqual([[['c2'], 'ONCE_PER_REQUEST']]);
  });

  it('refuses every operation but login without a token', async () => {
    const result = await api.gql(ME);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged token', async () => {
    const [header, payload] = api.a.admin.token.split('.');
    const result = await api.gql(ME, {}, { token: `${header}.${payload}.c2lnbmF0dXJl` });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stops accepting the token of a deactivated user at once', async () => {
    const user = await api.runtime.services.users.create(api.a.id, { username: 'a-leaver', password: TEST_PASSWORD, role: 'USER' });
    const token = await api.login('a-leaver', TEST_PASSWORD);
    await api.runtime.services.users.update(api.a.id, user.id, { active: false });
    expect((await api.gql(ME, {}, { token })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows a new service key once, stores only its hash, and the key acts for its own company', async () => {
    const created = await api.gql<{ createServiceKey: { key: string; serviceKey: { id: string } } }>(
      CREATE_KEY,
      { input: { name: 'Myynti', module: 'sales', defaultUserId: api.a.user.id } },
      { token: api.a.admin.token },
    );
    const key = created.data?.createServiceKey.key as string;
    expect(key).toMatch(/^mk_[0-9a-f]{32}_[\w-]{43}$/);
    const listed = await api.gql<{ serviceKeys: Array<Record<string, unknown>> }>('{ serviceKeys { id name module lastUsedAt } }', {}, { token: api.a.admin.token });
    expect(JSON.stringify(listed.data)).not.toContain(key.slice(-20));
    const me = await api.gql<{ me: { companyName: string; serviceKeyModule: string; user: { username: string } } }>(ME, {}, { token: key });
    expect(me.data?.me).toEqual({ companyName: 'Yritys A Oy', serviceKeyModule: 'sales', user: { username: 'a-user', role: 'USER' } });
  });

  it('refuses a revoked service key', async () => {
    const created = await api.gql<{ createServiceKey: { key: string; serviceKey: { id: string } } }>(CREATE_KEY, { input: { name: 'Ostot', module: 'purchases' } }, { token: api.a.admin.token });
    const { key, serviceKey } = created.data!.createServiceKey;
    await api.gql('mutation($id: ID!) { revokeServiceKey(id: $id) { revokedAt } }', { id: serviceKey.id }, { token: api.a.admin.token });
    expect((await api.gql(ME, {}, { token: key })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('does not let a service key manage users or settings', async () => {
    const created = await api.gql<{ createServiceKey: { key: string } }>(CREATE_KEY, { input: { name: 'Huolto', module: 'service' } }, { token: api.a.admin.token });
    const key = created.data!.createServiceKey.key;
    expect((await api.gql('{ users { id } }', {}, { token: key })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql('{ companyMessageSettings { companyEmail } }', {}, { token: key })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets an admin create a user who can then log in, and refuses a short password', async () => {
    const create = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id username role } }';
    const short = await api.gql(create, { input: { username: 'a-new', password: 'lyhyt', role: 'USER' } }, { token: api.a.admin.token });
    expect(short.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('password');
    const ok = await api.gql(create, { input: { username: 'a-new', password: 'pitkä-salasana-1', role: 'USER' } }, { token: api.a.admin.token });
    expect(ok.errors).toBeUndefined();
    await expect(api.login('a-new', 'pitkä-salasana-1')).resolves.toEqual(expect.any(String));
  });

  it('does not let a normal user create users', async () => {
    const result = await api.gql('mutation { createUser(input: { username: "x-y", password: "pitkä-salasana-1", role: ADMIN }) { id } }', {}, { token: api.a.user.token });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

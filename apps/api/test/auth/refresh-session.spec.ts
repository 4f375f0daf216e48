import { randomBytes } from 'node:crypto';
import { SessionTokens } from '../../src/modules/auth/session-token';
import { DATABASE_KINDS } from '../support/test-databases';
import { TEST_PASSWORD, startTestApi, type TestApi } from '../support/test-api';

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token expiresAt } }';
const REFRESH = 'mutation { refreshSession { token expiresAt user { username } } }';
const ME = '{ me { user { username } } }';

interface Answer {
  status: number;
  cookies: string[];
  body: { data?: Record<string, { token: string; expiresAt: string; user?: { username: string } } | null> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/** The value of our cookie in a Set-Cookie list, or null. */
const refreshCookieIn = (cookies: string[]) => cookies.map((c) => /^maestro_refresh=([^;]*)/.exec(c)?.[1]).find((v) => v !== undefined) ?? null;

describe.each(DATABASE_KINDS)('the refresh cookie (a new tab stays signed in) on %s', (kind) => {
  let api: TestApi;
  let seq = 0;

  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(async () => {
    await api?.close();
  });

  /** A request as the browser's app sends it: JSON (Apollo's CSRF prevention), the cookie when there is one. */
  const post = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, cookies: response.headers.getSetCookie(), body: (await response.json().catch(() => ({}))) as Answer['body'] };
  };
  const newUser = async () => {
    const username = `a-selain-${++seq}`;
    const user = await api.runtime.services.users.create(api.a.id, { username, password: TEST_PASSWORD, role: 'USER' });
    return { id: user.id, username };
  };
  const signIn = async (username: string, headers: Record<string, string> = {}) => {
    const answer = await post(LOGIN, { u: username, p: TEST_PASSWORD }, headers);
    const cookie = refreshCookieIn(answer.cookies);
    if (!cookie || !answer.body.data?.login) throw new Error(`no session: ${JSON.stringify(answer)}`);
    return { answer, cookie, token: answer.body.data.login.token };
  };
  const refresh = (cookie: string, headers: Record<string, string> = {}) => post(REFRESH, {}, { cookie: `maestro_refresh=${cookie}`, ...headers });

  it('gives the browser an httpOnly, SameSite=Lax refresh cookie for /graphql at login, not Secure over plain HTTP', async () => {
    const { username } = await newUser();
    const { answer } = await signIn(username);
    const cookie = answer.cookies.find((c) => c.startsWith('maestro_refresh='))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\/graphql/);
    expect(cookie).not.toMatch(/; Secure/);
    const hours = (Date.parse(/Expires=([^;]+)/.exec(cookie)![1]!) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
  });

  it('does not take the word of a proxy it was not told to trust that the request came over HTTPS', async () => {
    const { username } = await newUser();
    const { answer } = await signIn(username, { 'x-forwarded-proto': 'https' });
    expect(answer.cookies.find((c) => c.startsWith('maestro_refresh='))).not.toMatch(/; Secure/);
  });

  it('marks the cookie Secure when the request came over HTTPS through a proxy on this machine it trusts', async () => {
    // MAESTRO_TRUSTED_PROXIES names the proxies whose X-Forwarded-* headers are believed (none by default).
    const behindProxy = await startTestApi(kind, { env: { MAESTRO_TRUSTED_PROXIES: 'loopback' } });
    try {
      await behindProxy.runtime.services.users.create(behindProxy.a.id, { username: 'a-proxied', password: TEST_PASSWORD, role: 'USER' });
      const response = await fetch(`${behindProxy.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ query: LOGIN, variables: { u: 'a-proxied', p: TEST_PASSWORD } }),
      });
      expect(response.headers.getSetCookie().find((c) => c.startsWith('maestro_refresh='))).toMatch(/; Secure/);
    } finally {
      await behindProxy.close();
    }
  });

  it('gives a new tab its own short-lived token from the cookie alone, and that token works', async () => {
    const { username } = await newUser();
    const { cookie } = await signIn(username);
    const tab = await refresh(cookie);
    expect(tab.body.errors).toBeUndefined();
    const session = tab.body.data!.refreshSession!;
    expect(session.user?.username).toBe(username);
    const minutes = (Date.parse(session.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const me = await api.gql<{ me: { user: { username: string } } }>(ME, {}, { token: session.token });
    expect(me.data?.me.user.username).toBe(username);
  });

  it('does not answer a refresh sent as a cross-site form would (no JSON, no apollo-require-preflight)', async () => {
    const { username } = await newUser();
    const { cookie } = await signIn(username);
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie: `maestro_refresh=${cookie}` },
      body: JSON.stringify({ query: REFRESH }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/"token"/);
  });

  it("refuses a refresh from another site's page", async () => {
    const { username } = await newUser();
    const { cookie } = await signIn(username);
    const answer = await refresh(cookie, { origin: 'https://evil.example' });
    expect(answer.status).toBe(403);
    expect(JSON.stringify(answer.body)).not.toMatch(/"token"/);
  });

  it('ends with logout: the cookie is cleared, and neither it nor any token of the user works any more', async () => {
    const { username } = await newUser();
    const first = await signIn(username);
    const otherTab = (await refresh(first.cookie)).body.data!.refreshSession!.token;
    const out = await post('mutation { logout }', {}, { authorization: `Bearer ${first.token}`, cookie: `maestro_refresh=${first.cookie}` });
    expect(out.body.data).toEqual({ logout: true });
    expect(out.cookies.find((c) => c.startsWith('maestro_refresh='))).toMatch(/^maestro_refresh=;.*Expires=Thu, 01 Jan 1970/);
    const again = await refresh(first.cookie);
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    expect(again.body.errors?.[0]?.message).toMatch(/kirjaudu sisään/);
    for (const token of [first.token, otherTab]) expect((await api.gql(ME, {}, { token })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps the tab that changed its own password signed in with a new cookie, and ends every other cookie and token', async () => {
    const { username } = await newUser();
    const first = await signIn(username);
    const otherTab = await signIn(username);
    const CHANGE = 'mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) { token expiresAt } }';
    const changed = await post(CHANGE, { c: TEST_PASSWORD, n: 'Uusi-pitkä-salasana-2026' }, { authorization: `Bearer ${first.token}`, cookie: `maestro_refresh=${first.cookie}` });
    const newCookie = refreshCookieIn(changed.cookies);
    expect(changed.body.errors).toBeUndefined();
    expect(newCookie).not.toBeNull();
    expect(newCookie).not.toBe(first.cookie);
    expect(changed.cookies.find((c) => c.startsWith('maestro_refresh='))).toMatch(/; HttpOnly.*; SameSite=Lax|; SameSite=Lax.*; HttpOnly/);
    // When this tab's access token runs out, the new cookie renews it; the cookies from before the change do not.
    const renewed = await refresh(newCookie!);
    expect(renewed.body.data?.refreshSession?.user).toEqual({ username });
    expect((await api.gql(ME, {}, { token: renewed.body.data!.refreshSession!.token })).data).toEqual({ me: { user: { username } } });
    for (const cookie of [first.cookie, otherTab.cookie]) expect((await refresh(cookie)).body.errors?.[0]?.extensions?.reason).toBe('SESSION_ENDED');
    for (const token of [first.token, otherTab.token]) expect((await api.gql(ME, {}, { token })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("ends when the user's token version moves: deactivated (even if reactivated later), or a new password set", async () => {
    const { id, username } = await newUser();
    const { cookie } = await signIn(username);
    await api.runtime.services.users.update(api.a.id, id, { active: false });
    expect((await refresh(cookie)).body.errors?.[0]?.extensions?.reason).toBe('SESSION_ENDED');
    await api.runtime.services.users.update(api.a.id, id, { active: true });
    expect((await refresh(cookie)).body.errors?.[0]?.extensions?.reason).toBe('SESSION_ENDED');
    const second = await signIn(username);
    await api.runtime.services.users.update(api.a.id, id, { password: 'Uusi-salasana-5678' });
    expect((await refresh(second.cookie)).body.errors?.[0]?.extensions?.reason).toBe('SESSION_ENDED');
  });

  it("keeps one user's logout to that user: another user's cookie still works", async () => {
    const one = await newUser();
    const two = await newUser();
    const a = await signIn(one.username);
    const b = await signIn(two.username);
    await post('mutation { logout }', {}, { authorization: `Bearer ${a.token}` });
    expect((await refresh(b.cookie)).body.data?.refreshSession?.user?.username).toBe(two.username);
  });

  it('refuses a forged cookie, an access token in its place, and a refresh token as a Bearer token', async () => {
    const { username } = await newUser();
    const { cookie, token } = await signIn(username);
    expect((await refresh('eyJhbGciOiJIUzI1NiJ9.e30.forged')).body.errors?.[0]?.extensions?.reason).toBe('SESSION_ENDED');
    expect((await refresh(token)).body.errors?.[0]?.extensions?.reason).toBe('SESSION_ENDED');
    expect((await api.gql(ME, {}, { token: cookie })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await post(REFRESH)).body.errors?.[0]?.extensions?.reason).toBe('SESSION_ENDED');
  });

  it('never writes the refresh token to the logs or into an answer', async () => {
    const { username } = await newUser();
    const { cookie } = await signIn(username);
    const tab = await refresh(cookie);
    expect(JSON.stringify(tab.body)).not.toContain(cookie);
    expect(api.logs.join('\n')).not.toContain(cookie);
  });
});

describe('session tokens', () => {
  const claims = { userId: 'u-1', companyId: 'c-1', tokenVersion: 3 };

  it('never lets an access token outlive the refresh token it came from', async () => {
    const tokens = new SessionTokens(randomBytes(32), { lifetimeSeconds: 15 * 60 });
    const end = new Date(Date.now() + 60_000);
    const { token, expiresAt } = await tokens.issue(claims, end);
    expect(expiresAt.getTime()).toBe(Math.floor(end.getTime() / 1000) * 1000);
    expect((await tokens.verify(token))?.tokenVersion).toBe(3);
  });

  it("refuses a token made with another key, or for another purpose, even with the same key", async () => {
    const key = randomBytes(32);
    const access = new SessionTokens(key, { lifetimeSeconds: 60 });
    const refresh = new SessionTokens(key, { audience: 'refresh', lifetimeSeconds: 60 });
    expect(await refresh.verify((await access.issue(claims)).token)).toBeNull();
    expect(await new SessionTokens(randomBytes(32), { lifetimeSeconds: 60 }).verify((await access.issue(claims)).token)).toBeNull();
  });
});

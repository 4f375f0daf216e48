import { startSmtpServer } from '@maestro/dev-mailbox';
import { makeSelfSignedCertificate } from '@maestro/test-support';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const LIST = `query($f: MessageFilter, $first: Int, $after: String) { messages(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { endCursor hasNextPage } nodes { subject status documentRef } } }`;

interface Page {
  messages: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean }; nodes: Array<{ subject: string; status: string; documentRef: string }> };
}

describe.each(DATABASE_KINDS)('the sent archive on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
    await api.runtime.services.settings.updateCompanySettings(api.a.id, { enabledChannels: 'EMAIL', companyEmail: 'a@yritys.fi', smtp: { host: 'smtp.yritys.fi' } });
    const caller = { kind: 'USER' as const, userId: api.a.admin.id, companyId: api.a.id, role: 'ADMIN' as const, username: 'a-admin' };
    for (let i = 1; i <= 7; i++) {
      await api.runtime.services.messageIntake.send(caller, { source: i % 2 ? 'QUOTE' : 'SALES_ORDER', documentRef: `DOC-${i}`, to: ['x@y.fi'], subject: `Viesti ${i}`, body: i === 3 ? 'erikoinen sana' : 'b' });
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  it('pages newest first with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: Page } = await api.gql<Page>(LIST, { first: 3, after }, { token: api.a.admin.token });
      seen.push(...page.data!.messages.nodes.map((n) => n.subject));
      if (!page.data!.messages.pageInfo.hasNextPage) break;
      after = page.data!.messages.pageInfo.endCursor;
    }
    expect(seen).toEqual(['Viesti 7', 'Viesti 6', 'Viesti 5', 'Viesti 4', 'Viesti 3', 'Viesti 2', 'Viesti 1']);
  });

  it('filters by program, document and free text', async () => {
    const quotes = await api.gql<Page>(LIST, { f: { source: 'QUOTE' } }, { token: api.a.admin.token });
    expect(quotes.data?.messages.totalCount).toBe(4);
    const doc = await api.gql<Page>(LIST, { f: { documentRef: 'DOC-6' } }, { token: api.a.admin.token });
    expect(doc.data?.messages.nodes.map((n) => n.subject)).toEqual(['Viesti 6']);
    const text = await api.gql<Page>(LIST, { f: { text: 'erikoinen' } }, { token: api.a.admin.token });
    expect(text.data?.messages.nodes.map((n) => n.subject)).toEqual(['Viesti 3']);
  });

  it('treats % and _ in the search text as plain characters', async () => {
    const result = await api.gql<Page>(LIST, { f: { text: '%' } }, { token: api.a.admin.token });
    expect(result.data?.messages.totalCount).toBe(0);
  });

  it('refuses a forged cursor with a clear error', async () => {
    const result = await api.gql(LIST, { after: 'not-a-cursor' }, { token: api.a.admin.token });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('"Testaa yhteys"', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(async () => {
    await api?.close();
  });
  const TEST = 'mutation($k: SmtpAccountKind!, $c: SmtpAccountInput) { testSmtpConnection(account: $k, changes: $c) { ok stage secure code message } }';

  it('passes every stage against a server with STARTTLS and the right password', async () => {
    const cert = await makeSelfSignedCertificate(['localhost']);
    const server = await startSmtpServer({ tls: cert, auth: { users: { tunnus: 'Salasana-123' } } });
    try {
      await api.useSmtpServer(api.a.id, server, { host: 'localhost', encryption: 'TLS', authEnabled: true, username: 'tunnus', password: 'Salasana-123', caCertificate: cert.cert });
      const result = await api.gql<{ testSmtpConnection: Record<string, unknown> }>(TEST, { k: 'COMPANY' }, { token: api.a.admin.token });
      expect(result.data?.testSmtpConnection).toEqual({ ok: true, stage: 'DONE', secure: true, code: null, message: null });
    } finally {
      await server.close();
    }
  });

  it('stops at AUTH with the reason when the unsaved password in the form is wrong', async () => {
    const server = await startSmtpServer({ auth: { users: { tunnus: 'Salasana-123' } } });
    try {
      await api.useSmtpServer(api.a.id, server, { encryption: 'NONE', authEnabled: true, username: 'tunnus', password: 'Salasana-123' });
      const result = await api.gql<{ testSmtpConnection: { ok: boolean; stage: string; message: string } }>(TEST, { k: 'COMPANY', c: { password: 'väärä' } }, { token: api.a.admin.token });
      expect(result.data?.testSmtpConnection).toMatchObject({ ok: false, stage: 'AUTH' });
      expect(result.data?.testSmtpConnection.message).toMatch(/Kirjautuminen epäonnistui/);
    } finally {
      await server.close();
    }
  });

  it('stops at CONNECT for a closed port', async () => {
    const server = await startSmtpServer();
    const port = server.port;
    await server.close();
    await api.useSmtpServer(api.a.id, { port });
    const result = await api.gql<{ testSmtpConnection: { ok: boolean; stage: string; code: string } }>(TEST, { k: 'COMPANY' }, { token: api.a.admin.token });
    expect(result.data?.testSmtpConnection).toMatchObject({ ok: false, stage: 'CONNECT', code: 'CONNECTION_REFUSED' });
  });

  it("lets an admin test another user's own account, and only an admin", async () => {
    const server = await startSmtpServer();
    try {
      await api.runtime.services.settings.updateUserSettings(api.a.id, api.a.user.id, { smtp: { host: '127.0.0.1', port: server.port, encryption: 'NONE', authEnabled: false } });
      const query = 'mutation($u: ID) { testSmtpConnection(account: USER, userId: $u) { ok stage } }';
      const admin = await api.gql<{ testSmtpConnection: { ok: boolean } }>(query, { u: api.a.user.id }, { token: api.a.admin.token });
      expect(admin.data?.testSmtpConnection).toEqual({ ok: true, stage: 'DONE' });
      const user = await api.gql(query, { u: api.a.admin.id }, { token: api.a.user.token });
      expect(user.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const otherCompany = await api.gql(query, { u: api.a.user.id }, { token: api.b.admin.token });
      expect(otherCompany.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await server.close();
    }
  });

  it("lets a user test only their own account", async () => {
    const result = await api.gql(TEST, { k: 'COMPANY' }, { token: api.a.user.token });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

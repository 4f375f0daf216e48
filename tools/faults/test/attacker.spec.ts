import { request } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { loadConfig } from '../../../apps/api/src/config/env';
import { UserMailSettingsEntity } from '../../../apps/api/src/modules/settings/user-mail-settings.entity';
import { TEST_PASSWORD, startTestApi, type TestApi } from '../../../apps/api/test/support/test-api';
import { DATABASE_KINDS, createDeployment, type Deployment } from '../src/support/deployment';
import { GraphqlClient } from '../src/support/graphql-client';
import { waitFor } from '../src/support/wait';

// The attacker suite (issue 12): two companies, A and B, a USER and an admin in each, and what each of
// them tries against the others and against the service. Every test here failed on the main branch
// before the issue was fixed; each names the rule it proves in plain words.

const SEND = 'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id status from { address name } attachments { id } } }';
const TEST_CONNECTION = 'mutation($k: SmtpAccountKind!, $c: SmtpAccountInput, $u: ID) { testSmtpConnection(account: $k, changes: $c, userId: $u) { ok stage code reply message } }';
const UPDATE_MINE = 'mutation($i: UserMailSettingsInput!) { updateMyMailSettings(input: $i) { email senderName senderConfirmed smtp { host passwordSet } } }';
const UPDATE_USER_MAIL = 'mutation($u: ID!, $i: UserMailSettingsInput!) { updateUserMailSettings(userId: $u, input: $i) { email senderConfirmed smtp { host passwordSet } } }';
const UPDATE_COMPANY = 'mutation($i: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $i) { smtp { host port encryption passwordSet } } }';
const ME = '{ me { user { id } } }';

const codeOf = (result: { errors?: Array<{ extensions?: { code?: string } }> }) => result.errors?.[0]?.extensions?.code;
const fieldsOf = (result: { errors?: Array<{ extensions?: { fields?: Array<{ field: string; code: string }> } }> }) =>
  (result.errors?.[0]?.extensions?.fields ?? []).map((f) => `${f.field}:${f.code}`);

/** A TCP server that records whether anyone connected, and greets like another protocol. */
async function listener(greeting = ''): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    if (greeting) socket.write(greeting);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, connections: () => connections, close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function upload(api: TestApi, token: string, name: string, content: string | Buffer, type = 'application/octet-stream'): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), name);
  const response = await fetch(`${api.url}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: await response.json() };
}

/** One upload over a connection of its own, sent slowly (no keep-alive pool that could send them one by one). */
function uploadOnItsOwnConnection(api: TestApi, token: string, name: string, content: Buffer): Promise<{ status: number }> {
  const boundary = `----rinnakkain${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolve, reject) => {
    const req = request(`${api.url}/attachments`, { method: 'POST', agent: false, headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    // Half now, the rest a moment later: an upload over a slow line, still under way when the next begins.
    req.write(body.subarray(0, body.length / 2));
    setTimeout(() => req.end(body.subarray(body.length / 2)), 300);
  });
}

const idOf = (body: unknown) => (body as Array<{ id: string }>)[0]?.id as string;

describe('an attacker with a normal account, or a stolen admin session', () => {
  let api: TestApi;
  let smtp: RunningSmtpServer;
  let a2: { id: string; token: string };

  beforeAll(async () => {
    smtp = await startSmtpServer({ auth: { users: { 'myynti@yritys.fi': 'Yrityksen-SMTP-salasana-1' } } });
    api = await startTestApi('sqlite', { env: { MAESTRO_CONNECTION_TESTS_PER_MINUTE: '1000' } });
    for (const company of [api.a, api.b]) {
      await api.useSmtpServer(company.id, smtp, { authEnabled: true, username: 'myynti@yritys.fi', password: 'Yrityksen-SMTP-salasana-1' });
    }
    const second = await api.runtime.services.users.create(api.a.id, { username: 'a-user2', password: TEST_PASSWORD, role: 'USER' });
    a2 = { id: second.id, token: await api.login('a-user2', TEST_PASSWORD) };
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  const as = (who: { token: string }) => ({ token: who.token });
  const sendAs = (who: { token: string }, extra: Record<string, unknown> = {}) =>
    api.gql<{ sendMessage: { id: string; from: { address: string; name: string }; attachments: Array<{ id: string }> } }>(
      SEND,
      { i: { source: 'QUOTE', to: ['asiakas@asiakas.fi'], subject: 'Tarjous', body: 'Hei', ...extra } },
      as(who),
    );

  describe('1. sending as another person', () => {
    it.each([
      ['their sender address', { email: 'toimitusjohtaja@yritys.fi' }, 'email:ADMIN_ONLY'],
      ['their sender name', { senderName: 'Toimitusjohtaja' }, 'senderName:ADMIN_ONLY'],
      ['the server of their own account', { smtp: { host: '127.0.0.1', port: 25, authEnabled: false } }, 'smtp.host:ADMIN_ONLY'],
    ])('a USER cannot set %s, and nothing is saved', async (_what, input, expected) => {
      const result = await api.gql(UPDATE_MINE, { i: input }, as(api.a.user));
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toContain(expected);
      const stored = await api.runtime.services.settings.storedUserSettings(api.a.id, api.a.user.id);
      expect(stored.record.email).not.toBe('toimitusjohtaja@yritys.fi');
      expect(stored.record.smtp.host).toBe('');
    });

    it('a USER still sets their signature, default recipient and the password of their own mailbox', async () => {
      const result = await api.gql<{ updateMyMailSettings: { smtp: { passwordSet: boolean } } }>(
        UPDATE_MINE,
        { i: { signatureLines: ['Terveisin', 'Maija'], defaultRecipient: 'kopio@yritys.fi', smtp: { password: 'Oma-postilaatikko-1' } } },
        as(api.a.user),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.updateMyMailSettings.smtp.passwordSet).toBe(true);
    });

    it('an address a user typed before the fix is unconfirmed: the user sends as the company until an admin confirms it', async () => {
      // What the migration leaves: the user's own address, not confirmed.
      await api.runtime.services.settings.updateUserSettings(api.a.id, a2.id, { signatureLines: ['Terveisin'] }, 'SELF');
      await api.runtime.db.getRepository(UserMailSettingsEntity).update({ userId: a2.id }, { email: 'toimitusjohtaja@yritys.fi', senderName: 'Toimitusjohtaja', senderConfirmed: false });
      // Written behind the API, as the migration does: the settings cache must not hide it.
      api.runtime.services.settings['cache'].forget('');
      const before = await sendAs(a2);
      expect(before.data?.sendMessage.from).toEqual({ address: 'myynti@yritys.fi', name: 'Yritys Oy' });
      const pending = await api.gql<{ unconfirmedSenders: Array<{ username: string; email: string }> }>('{ unconfirmedSenders { username email } }', {}, as(api.a.admin));
      expect(pending.data?.unconfirmedSenders).toEqual([{ username: 'a-user2', email: 'toimitusjohtaja@yritys.fi' }]);
      // B's admin sees nothing of it and cannot confirm it.
      expect((await api.gql<{ unconfirmedSenders: unknown[] }>('{ unconfirmedSenders { username } }', {}, as(api.b.admin))).data?.unconfirmedSenders).toEqual([]);
      expect(codeOf(await api.gql('mutation($u: ID!) { confirmUserSender(userId: $u) { email } }', { u: a2.id }, as(api.b.admin)))).toBe('NOT_FOUND');
      expect(codeOf(await api.gql('mutation($u: ID!) { confirmUserSender(userId: $u) { email } }', { u: a2.id }, as(a2)))).toBe('FORBIDDEN');
      await api.gql('mutation($u: ID!) { confirmUserSender(userId: $u) { email } }', { u: a2.id }, as(api.a.admin));
      expect((await sendAs(a2)).data?.sendMessage.from.address).toBe('toimitusjohtaja@yritys.fi');
    });

    it("a user with an SMTP account of their own sends as the mailbox it signs in as, not as free text", async () => {
      await api.gql(UPDATE_USER_MAIL, { u: api.a.user.id, i: { email: '', senderName: '', smtp: { host: '127.0.0.1', port: smtp.port, encryption: 'NONE', authEnabled: true, username: 'maija@yritys.fi', password: 'Maijan-salasana-1' } } }, as(api.a.admin));
      expect((await sendAs(api.a.user)).data?.sendMessage.from.address).toBe('maija@yritys.fi');
      await api.gql(UPDATE_USER_MAIL, { u: api.a.user.id, i: { smtp: { host: '', password: '' } } }, as(api.a.admin));
    });

    it('a user changes their own login password with the current one; short and common ones are refused in Finnish and English', async () => {
      const user = await api.runtime.services.users.create(api.a.id, { username: 'a-vaihtaja', password: TEST_PASSWORD, role: 'USER' });
      const token = await api.login(user.username, TEST_PASSWORD);
      const change = (current: string, next: string, language = 'fi') =>
        api.gql<{ changeMyPassword: { token: string } }>('mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) { token } }', { c: current, n: next }, { token, headers: { 'accept-language': language } });
      expect(fieldsOf(await change('väärä-salasana-1', 'Uusi-pitkä-salasana-2026'))).toEqual(['currentPassword:CURRENT_PASSWORD_WRONG']);
      expect(fieldsOf(await change(TEST_PASSWORD, 'Lyhyt-1'))).toEqual(['newPassword:PASSWORD_TOO_SHORT']);
      const common = await change(TEST_PASSWORD, 'password1234', 'en');
      expect(fieldsOf(common)).toEqual(['newPassword:PASSWORD_TOO_COMMON']);
      expect(common.errors?.[0]?.message).toMatch(/common passwords/);
      const changed = await change(TEST_PASSWORD, 'Uusi-pitkä-salasana-2026');
      expect(changed.data?.changeMyPassword.token).toEqual(expect.any(String));
    });
  });

  describe('2. admin takeover through an attachment', () => {
    const get = async (id: string, token: string) => {
      const response = await fetch(`${api.url}/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, headers: response.headers, text: await response.text() };
    };
    const script = '<script>fetch("/graphql",{method:"POST",body:JSON.stringify({query:"mutation{createUser(input:{username:\\"x\\",password:\\"y\\",role:ADMIN}){id}}"})})</script>';

    it.each([
      ['Tilaus.html', `<html><body>${script}</body></html>`, 'text/html'],
      ['Tilaus.svg', `<svg xmlns="http://www.w3.org/2000/svg">${script}</svg>`, 'image/svg+xml'],
      ['Tilaus.xhtml', `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">${script}</html>`, 'application/xhtml+xml'],
      ['Tilaus.png', `<html>${script}</html>`, 'image/png'],
    ])("serves %s, uploaded by a USER and opened by the admin from Lähetetyt, only as an inert download", async (name, content, declared) => {
      const id = idOf((await upload(api, api.a.user.token, name, content, declared)).body);
      await sendAs(api.a.user, { attachmentIds: [id] });
      const served = await get(id, api.a.admin.token);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(served.headers.get('content-type')).toBe('application/octet-stream');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.headers.get('content-security-policy')).toMatch(/sandbox/);
    });

    it('opens a real PDF, recognised from its bytes, in the browser', async () => {
      const id = idOf((await upload(api, api.a.user.token, 'Tilaus.pdf', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'text/html')).body);
      const served = await get(id, api.a.user.token);
      expect(served.headers.get('content-disposition')).toMatch(/^inline;/);
      expect(served.headers.get('content-type')).toBe('application/pdf');
    });

    it('does not take the declared type of an upload: HTML declared as a PNG is not stored as a PNG', async () => {
      const { body } = await upload(api, api.a.user.token, 'kuva', `<html>${script}</html>`, 'image/png');
      expect((body as Array<{ contentType: string }>)[0]?.contentType).not.toBe('image/png');
    });

    it('sends a strict Content-Security-Policy, nosniff and a Referrer-Policy with every answer', async () => {
      for (const path of ['/graphql', '/healthz', '/login']) {
        const response = await fetch(`${api.url}${path}`, { headers: { accept: 'text/html' } });
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).toMatch(/script-src 'self'(;|$)/);
        expect(csp).toContain("frame-ancestors 'self'");
        expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*(blob:|unsafe-inline)/);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      }
    });
  });

  describe('3. stored passwords handed to any host', () => {
    let trap: RunningSmtpServer;
    beforeAll(async () => {
      trap = await startSmtpServer({ auth: { users: { 'myynti@yritys.fi': 'Yrityksen-SMTP-salasana-1' } } });
    });
    afterAll(async () => trap?.close());

    it.each([
      ['another host and port, unencrypted', () => ({ host: 'localhost', port: trap.port, encryption: 'NONE' })],
      ['another port', () => ({ port: trap.port })],
      ['another user name', () => ({ username: 'toinen@yritys.fi' })],
      ['another sign-in method', () => ({ authMethod: 'OAUTH2_MICROSOFT', oauthTenantId: 't', oauthClientId: 'c', oauthClientSecret: 'x', oauthUser: 'myynti@yritys.fi' })],
    ])("a connection test with %s does not send the stored password: it asks for it again", async (_what, changes) => {
      trap.clear();
      const result = await api.gql(TEST_CONNECTION, { k: 'COMPANY', c: changes() }, as(api.a.admin));
      expect(fieldsOf(result)).toContain('smtp.password:SECRET_REQUIRED_AGAIN');
      expect(trap.authAttempts).toBe(0);
      expect(trap.connectionCount).toBe(0);
    });

    it('a password saved for an encrypted connection is not sent over an unencrypted one', async () => {
      trap.clear();
      await api.runtime.services.settings.updateCompanySettings(api.b.id, { smtp: { host: '127.0.0.1', port: trap.port, encryption: 'TLS', password: 'Yrityksen-SMTP-salasana-1' } });
      const result = await api.gql(TEST_CONNECTION, { k: 'COMPANY', c: { encryption: 'NONE' } }, as(api.b.admin));
      expect(fieldsOf(result)).toEqual(['smtp.password:SECRET_REQUIRED_AGAIN']);
      expect(trap.authAttempts).toBe(0);
      await api.runtime.services.settings.updateCompanySettings(api.b.id, { smtp: { port: smtp.port, encryption: 'NONE', password: 'Yrityksen-SMTP-salasana-1' } });
    });

    it('a save that points the account elsewhere without the password is refused; with it typed again it is saved', async () => {
      const refused = await api.gql(UPDATE_COMPANY, { i: { smtp: { host: 'localhost', port: trap.port } } }, as(api.a.admin));
      expect(fieldsOf(refused)).toEqual(['smtp.password:SECRET_REQUIRED_AGAIN']);
      expect((await api.runtime.services.settings.companySettings(api.a.id)).smtp.port).toBe(smtp.port);
      const saved = await api.gql<{ updateCompanyMessageSettings: { smtp: { port: number; passwordSet: boolean } } }>(
        UPDATE_COMPANY,
        { i: { smtp: { host: '127.0.0.1', port: smtp.port, encryption: 'NONE', password: 'Yrityksen-SMTP-salasana-1' } } },
        as(api.a.admin),
      );
      expect(saved.data?.updateCompanyMessageSettings.smtp).toMatchObject({ port: smtp.port, passwordSet: true });
    });

    it('the SMS gateway password does not follow a changed gateway address', async () => {
      const result = await api.gql('mutation($i: SmsSettingsInput!) { updateSmsSettings(input: $i) { gatewayAddress } }', { i: { gatewayAddress: '@evil.example' } }, as(api.a.admin));
      expect(fieldsOf(result)).toEqual(['gatewayPassword:SECRET_REQUIRED_AGAIN']);
    });

    it("a user's mailbox password does not follow the server an admin points the user's account at", async () => {
      await api.gql(UPDATE_USER_MAIL, { u: a2.id, i: { smtp: { host: '127.0.0.1', port: smtp.port, encryption: 'NONE', authEnabled: true, username: 'maija@yritys.fi', password: 'Maijan-postilaatikko-1' } } }, as(api.a.admin));
      const moved = await api.gql(UPDATE_USER_MAIL, { u: a2.id, i: { smtp: { port: trap.port } } }, as(api.a.admin));
      expect(fieldsOf(moved)).toEqual(['smtp.password:SECRET_REQUIRED_AGAIN']);
      // The admin may clear it instead: the user then types their own again.
      const cleared = await api.gql<{ updateUserMailSettings: { smtp: { passwordSet: boolean } } }>(UPDATE_USER_MAIL, { u: a2.id, i: { smtp: { port: trap.port, password: '' } } }, as(api.a.admin));
      expect(cleared.data?.updateUserMailSettings.smtp.passwordSet).toBe(false);
      await api.gql(UPDATE_USER_MAIL, { u: a2.id, i: { smtp: { host: '' } } }, as(api.a.admin));
    });

    it('a host changed behind the API (in the database) gets no stored password when sending', async () => {
      trap.clear();
      await api.runtime.db.query('UPDATE company_message_settings SET smtpPort = ? WHERE companyId = ?', [trap.port, api.b.id]);
      const sent = await sendAs(api.b.user);
      await api.drain();
      const message = await api.runtime.services.messageArchive.get({ kind: 'USER', userId: api.b.admin.id, companyId: api.b.id, role: 'ADMIN', username: 'b-admin' }, sent.data!.sendMessage.id);
      expect(message.lastErrorCode).toBe('CREDENTIALS_MISSING');
      expect(trap.authAttempts).toBe(0);
    });
  });

  describe('4. a port scanner for everyone', () => {
    it('a USER cannot test another host or port than their saved account, and nothing is contacted', async () => {
      const target = await listener();
      try {
        const result = await api.gql(TEST_CONNECTION, { k: 'MINE', c: { host: '127.0.0.1', port: target.port, encryption: 'NONE', authEnabled: false } }, as(api.a.user));
        expect(codeOf(result)).toBe('FORBIDDEN');
        expect(target.connections()).toBe(0);
      } finally {
        await target.close();
      }
    });

    it.each([
      ['IMAP', '* OK [CAPABILITY IMAP4rev1] Dovecot ready.\r\n', /Dovecot|IMAP4/],
      ['NATS', 'INFO {"server_id":"NBXYZ-salainen","version":"2.10.1"}\r\n', /server_id|NBXYZ/],
    ])('an admin testing a port that speaks %s learns only "not an SMTP server", not what it said', async (_what, banner, leaked) => {
      const target = await listener(banner);
      try {
        const result = await api.gql<{ testSmtpConnection: { code: string; reply: string | null } }>(TEST_CONNECTION, { k: 'COMPANY', c: { host: '127.0.0.1', port: target.port, encryption: 'NONE', authEnabled: false, password: '' } }, as(api.a.admin));
        expect(result.data?.testSmtpConnection).toMatchObject({ code: 'NOT_SMTP_SERVER', reply: null });
        expect(JSON.stringify(result)).not.toMatch(leaked);
      } finally {
        await target.close();
      }
    });
  });

  describe('6. sessions', () => {
    const fresh = async (username: string) => {
      const user = await api.runtime.services.users.create(api.a.id, { username, password: TEST_PASSWORD, role: 'USER' });
      return { id: user.id, token: await api.login(username, TEST_PASSWORD) };
    };
    const valid = async (token: string) => codeOf(await api.gql(ME, {}, { token })) === undefined;

    it("a password change ends the user's earlier sessions at once", async () => {
      const user = await fresh('a-istunto1');
      const other = await api.login('a-istunto1', TEST_PASSWORD);
      await api.gql('mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) { token } }', { c: TEST_PASSWORD, n: 'Uusi-pitkä-salasana-2026' }, { token: user.token });
      expect(await valid(user.token)).toBe(false);
      expect(await valid(other)).toBe(false);
    });

    it.each([
      ["an admin's password reset", { password: 'Nollattu-salasana-2026' }],
      ['deactivation', { active: false }],
      ['a role change', { role: 'ADMIN' }],
    ])('%s ends the earlier sessions at once', async (_what, input) => {
      const user = await fresh(`a-istunto-${Object.keys(input)[0]}`);
      expect(await valid(user.token)).toBe(true);
      await api.gql('mutation($id: ID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { id } }', { id: user.id, i: input }, as(api.a.admin));
      expect(await valid(user.token)).toBe(false);
    });

    it('logout ends every session of the user, on every device', async () => {
      const user = await fresh('a-istunto-logout');
      const otherDevice = await api.login('a-istunto-logout', TEST_PASSWORD);
      await api.gql('mutation { logout }', {}, { token: user.token });
      expect(await valid(user.token)).toBe(false);
      expect(await valid(otherDevice)).toBe(false);
    });
  });

  describe('8. smaller ones', () => {
    it.each(['null', 'garbage', 'http://[::1', 'file:///etc/passwd'])('answers a malformed Origin %j with 403, not 500', async (origin) => {
      const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(response.status).toBe(403);
    });

    it.each([
      ['a line separator', 'Boss\u2028attacker@evil.test'],
      ['a paragraph separator', 'Boss\u2029attacker@evil.test'],
      ['a next-line character', 'Boss\u0085attacker@evil.test'],
      ['a no-break space', 'Boss\u00a0attacker@evil.test'],
    ])('refuses a recipient with %s instead of sending to the address behind it', async (_what, recipient) => {
      smtp.clear();
      const result = await api.gql(SEND, { i: { source: 'QUOTE', to: [recipient], subject: 'x', body: 'y' } }, as(api.a.user));
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      await api.drain();
      expect(smtp.count).toBe(0);
    });

    it.each([
      ['a subject', { subject: 'Tilaus\u2028Bcc: x@evil.test' }],
      ['a subject with a NUL', { subject: 'Tilaus\u0000' }],
    ])('refuses control characters in %s', async (_what, extra) => {
      expect(codeOf(await sendAs(api.a.user, extra))).toBe('BAD_USER_INPUT');
    });

    it('refuses control characters in a sender name an admin sets', async () => {
      expect(fieldsOf(await api.gql(UPDATE_COMPANY, { i: { senderName: 'Yritys\u0085Oy' } }, as(api.a.admin)))).toEqual(['senderName:CONTROL_CHARACTER']);
    });

    it.each([
      ['a line separator', 'Lasku\u2028Tilaus.pdf'],
      ['a next-line character', 'Lasku\u0085Tilaus.pdf'],
    ])('refuses a file name with %s', async (_what, name) => {
      const { status, body } = await upload(api, api.a.user.token, name, 'x');
      expect(status).toBe(400);
      expect((body as { error: { code: string } }).error.code).toBe('INVALID_FILENAME');
    });

    it("a user of the same company cannot read or attach another user's upload", async () => {
      const id = idOf((await upload(api, api.a.user.token, 'Oma.txt', 'vain minun')).body);
      expect((await fetch(`${api.url}/attachments/${id}`, { headers: { authorization: `Bearer ${a2.token}` } })).status).toBe(404);
      expect(fieldsOf(await sendAs(a2, { attachmentIds: [id] }))).toEqual(['attachmentIds.0:INVALID_VALUE']);
      expect((await fetch(`${api.url}/attachments/${id}`, { headers: { authorization: `Bearer ${api.a.user.token}` } })).status).toBe(200);
    });

    it('the owner of a message a service key sent for them reads its attachments', async () => {
      const { key } = await api.runtime.services.serviceKeys.create(api.a.id, { name: 'ERP', module: 'sales' });
      const id = idOf((await upload(api, key, 'Lasku.txt', 'ERP:n liite')).body);
      await api.gql(SEND, { i: { source: 'QUOTE', to: ['asiakas@asiakas.fi'], subject: 'ERP', body: 'y', attachmentIds: [id], onBehalfOfUserId: a2.id } }, { token: key });
      expect((await fetch(`${api.url}/attachments/${id}`, { headers: { authorization: `Bearer ${a2.token}` } })).status).toBe(200);
      expect((await fetch(`${api.url}/attachments/${id}`, { headers: { authorization: `Bearer ${api.a.user.token}` } })).status).toBe(404);
    });

    it("an idempotency key is the caller's own: another user's same key gets a message of their own", async () => {
      const first = await sendAs(api.a.user, { idempotencyKey: 'tilaus-1001' });
      const second = await sendAs(a2, { idempotencyKey: 'tilaus-1001' });
      expect(second.data?.sendMessage.id).toEqual(expect.any(String));
      expect(second.data?.sendMessage.id).not.toBe(first.data?.sendMessage.id);
    });

    it('answers a 100,000-character search with a clear input error, and logs no SQL', async () => {
      const before = api.logs.length;
      const result = await api.gql('query($t: String) { messages(filter: { text: $t }) { totalCount } }', { t: 'x'.repeat(100_000) }, as(api.a.user));
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(api.logs.slice(before).join('')).not.toMatch(/SELECT|LIKE/);
    });

    it('shows the schema and field suggestions to signed-in callers only', async () => {
      const anonymous = await api.gql('{ __schema { queryType { name } } }');
      expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
      const signedIn = await api.gql<{ __schema: { queryType: { name: string } } }>('{ __schema { queryType { name } } }', {}, as(api.a.user));
      expect(signedIn.data?.__schema.queryType.name).toBe('Query');
      const typo = await api.gql('{ user { id } }');
      expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean/);
    });

    it('keeps /metrics off when no token is set', async () => {
      expect((await fetch(`${api.url}/metrics`)).status).toBe(404);
    });

    it('does not echo a password sent with the wrong type', async () => {
      const literal = await api.gql('mutation { login(username: "a-user", password: 987654321) { token } }');
      const variable = await api.gql('mutation($p: String!) { login(username: "a-user", password: $p) { token } }', { p: 987654321 });
      expect(JSON.stringify([literal, variable])).not.toContain('987654321');
      expect(codeOf(variable)).toBe('BAD_USER_INPUT');
    });
  });
});

describe('connection tests per caller', () => {
  it('are limited per minute for each caller, and another caller is not held back', async () => {
    const api = await startTestApi('sqlite', { env: { MAESTRO_CONNECTION_TESTS_PER_MINUTE: '3' } });
    const target = await startSmtpServer();
    try {
      const test = (token: string) => api.gql(TEST_CONNECTION, { k: 'COMPANY', c: { host: '127.0.0.1', port: target.port, encryption: 'NONE', authEnabled: false } }, { token });
      for (let i = 0; i < 3; i++) expect(codeOf(await test(api.a.admin.token))).toBeUndefined();
      const refused = await test(api.a.admin.token);
      expect(codeOf(refused)).toBe('TOO_MANY_REQUESTS');
      expect(refused.errors?.[0]?.message).toMatch(/Liian monta yhteystestiä/);
      expect(codeOf(await test(api.b.admin.token))).toBeUndefined();
    } finally {
      await target.close();
      await api.close();
    }
  });
});

describe('per-hour upload quotas', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite', { env: { MAESTRO_UPLOAD_FILES_PER_HOUR: '3', MAESTRO_COMPANY_UPLOAD_FILES_PER_HOUR: '5' } });
  });
  afterAll(async () => api?.close());

  it("refuses a user's uploads over the hourly count, and the company's over its own, with a clear reason", async () => {
    for (let i = 0; i < 3; i++) expect((await upload(api, api.a.user.token, `t${i}.txt`, 'x')).status).toBe(201);
    const refused = await upload(api, api.a.user.token, 't3.txt', 'x');
    expect(refused.status).toBe(429);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/tunnin aikana/);
    // The admin of the same company still has room of their own, until the company's is used up.
    for (let i = 0; i < 2; i++) expect((await upload(api, api.a.admin.token, `a${i}.txt`, 'x')).status).toBe(201);
    expect((await upload(api, api.a.admin.token, 'a2.txt', 'x')).status).toBe(429);
    // Another company is not affected.
    expect((await upload(api, api.b.user.token, 'b.txt', 'x')).status).toBe(201);
  });

});

describe.each(DATABASE_KINDS)('per-hour upload quotas with uploads sent all at once, on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind, { env: { MAESTRO_UPLOAD_MB_PER_HOUR: '1' } });
  });
  afterAll(async () => api?.close());

  it('counts their bytes against the quota as if they came one after another', async () => {
    // 1 MB an hour: two files of 400 KB fit, a third does not. A file's size is known only once it is
    // stored, so uploads still under way, each reading the quota as it began, would all fit.
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => uploadOnItsOwnConnection(api, api.a.user.token, `rinnakkain${i}.bin`, Buffer.alloc(400_000, 120))));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 429, 429, 429, 429]);
  });
});

describe('login throttling', () => {
  const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
  const loginFrom = (api: TestApi, address: string, password: string) => api.gql<{ login: { token: string } }>(LOGIN, { u: 'a-user', p: password }, { headers: { 'x-forwarded-for': address } });

  it('never locks the real user out: guesses from rotating addresses do not block a login from a new one', async () => {
    const api = await startTestApi('sqlite', { env: { MAESTRO_TRUSTED_PROXIES: 'loopback' } });
    try {
      // More than the per-address limit (5) and the free failures before the slow-down (10).
      for (let i = 0; i < 12; i++) expect(codeOf(await loginFrom(api, `203.0.113.${i + 1}`, 'arvaus-salasana'))).toBe('UNAUTHENTICATED');
      expect((await loginFrom(api, '198.51.100.7', TEST_PASSWORD)).data?.login.token).toEqual(expect.any(String));
    } finally {
      await api.close();
    }
  });

  it('blocks one address guessing at one user, even with the right password, while the user logs in from elsewhere', async () => {
    const api = await startTestApi('sqlite', { env: { MAESTRO_TRUSTED_PROXIES: 'loopback' } });
    try {
      for (let i = 0; i < 6; i++) await loginFrom(api, '203.0.113.50', 'arvaus-salasana');
      expect(codeOf(await loginFrom(api, '203.0.113.50', TEST_PASSWORD))).toBe('TOO_MANY_REQUESTS');
      expect((await loginFrom(api, '198.51.100.8', TEST_PASSWORD)).data?.login.token).toEqual(expect.any(String));
    } finally {
      await api.close();
    }
  });

  it('does not believe X-Forwarded-For from a client that is not a listed proxy', async () => {
    const api = await startTestApi('sqlite');
    try {
      for (let i = 0; i < 6; i++) await loginFrom(api, `203.0.113.${i + 1}`, 'arvaus-salasana');
      expect(codeOf(await loginFrom(api, '203.0.113.99', TEST_PASSWORD))).toBe('TOO_MANY_REQUESTS');
    } finally {
      await api.close();
    }
  });

  it('refuses a short or common new password when an admin creates a user', async () => {
    const api = await startTestApi('sqlite');
    try {
      const create = (password: string) => api.gql('mutation($p: String!) { createUser(input: { username: "uusi", password: $p, role: USER }) { id } }', { p: password }, { token: api.a.admin.token });
      expect(fieldsOf(await create('Lyhyt-1'))).toEqual(['password:PASSWORD_TOO_SHORT']);
      expect(fieldsOf(await create('qwertyuiop123'))).toEqual(['password:PASSWORD_TOO_COMMON']);
    } finally {
      await api.close();
    }
  });
});

describe('a hosted installation (MAESTRO_HOSTED)', () => {
  let api: TestApi;
  let smtp: RunningSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ auth: { users: { u: 'Hosted-salasana-1' } } });
    api = await startTestApi('sqlite', { env: { MAESTRO_HOSTED: 'true', MAESTRO_SMTP_ALLOWED_HOSTS: 'relay.allowed.test' } });
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it.each(['127.0.0.1', 'localhost', '169.254.169.254', '10.0.0.5', '192.168.1.20'])('refuses to save the internal SMTP host %s', async (host) => {
    const result = await api.gql(UPDATE_COMPANY, { i: { smtp: { host, port: 25, authEnabled: true, username: 'u', password: 'Hosted-salasana-1' } } }, { token: api.a.admin.token });
    expect(fieldsOf(result)).toEqual(['smtp.host:HOST_NOT_ALLOWED']);
  });

  it('refuses to connection-test an internal host, without connecting', async () => {
    const result = await api.gql<{ testSmtpConnection: { code: string } }>(
      TEST_CONNECTION,
      { k: 'COMPANY', c: { host: '127.0.0.1', port: smtp.port, encryption: 'NONE', authEnabled: true, username: 'u', password: 'Hosted-salasana-1' } },
      { token: api.a.admin.token },
    );
    expect(result.data?.testSmtpConnection.code).toBe('HOST_NOT_ALLOWED');
    expect(smtp.connectionCount).toBe(0);
  });

  it('does not send to an internal host that got into the settings another way', async () => {
    await api.runtime.services.settings.updateCompanySettings(api.a.id, { enabledChannels: 'EMAIL', companyEmail: 'myynti@yritys.fi', smtp: { host: 'smtp.example.com', port: smtp.port, encryption: 'NONE', authEnabled: true, username: 'u', password: 'Hosted-salasana-1' } });
    await api.runtime.db.query("UPDATE company_message_settings SET smtpHost = '127.0.0.1', smtpAuthEnabled = 0 WHERE companyId = ?", [api.a.id]);
    api.runtime.services.settings['cache'].forget('');
    const sent = await api.gql<{ sendMessage: { id: string } }>(SEND, { i: { source: 'QUOTE', to: ['asiakas@asiakas.fi'], subject: 'x', body: 'y' } }, { token: api.a.user.token });
    await api.drain();
    const message = await api.runtime.services.messageArchive.get({ kind: 'USER', userId: api.a.admin.id, companyId: api.a.id, role: 'ADMIN', username: 'a-admin' }, sent.data!.sendMessage.id);
    expect(message.lastErrorCode).toBe('HOST_NOT_ALLOWED');
    expect(smtp.count).toBe(0);
  });

  it('saves a host the operator allowed', async () => {
    const result = await api.gql(UPDATE_COMPANY, { i: { smtp: { host: 'relay.allowed.test', port: 25, authEnabled: true, username: 'u', password: 'Hosted-salasana-1' } } }, { token: api.a.admin.token });
    expect(result.errors).toBeUndefined();
  });
});

describe('the frame-ancestors setting', () => {
  it('lets an installation name the hosts that may embed the add-in', async () => {
    const api = await startTestApi('sqlite', { env: { MAESTRO_FRAME_ANCESTORS: "'self' https://outlook.office.com" } });
    try {
      const csp = (await fetch(`${api.url}/healthz`)).headers.get('content-security-policy');
      expect(csp).toContain("frame-ancestors 'self' https://outlook.office.com");
    } finally {
      await api.close();
    }
  });
});

describe('5. the dev mailbox', () => {
  it.each([
    ['hosted', { MAESTRO_HOSTED: 'true' }],
    ['bound to every address', { HOST: '0.0.0.0' }],
  ])('refuses to start when %s', (_what, env) => {
    expect(() => loadConfig({ MAESTRO_DEV_MAILBOX: 'true', ...env })).toThrow(/dev mailbox runs only/);
    expect(loadConfig({ ...env }).devMailbox.enabled).toBe(false);
  });

  let deployment: Deployment;
  afterAll(async () => deployment?.destroy());

  it("needs an admin's login, shows the admin's own company's mail only, and answers loopback names only", async () => {
    const { freePort } = await import('@maestro/test-support');
    const mailboxPort = await freePort();
    deployment = await createDeployment('sqlite', { env: { MAESTRO_DEV_MAILBOX: 'true', MAESTRO_DEV_MAILBOX_PORT: String(mailboxPort), MAESTRO_DISPATCH_POLL_MS: '100' } });
    await deployment.cli(['company:create', '--name', 'Toinen Oy']);
    await deployment.cli(['user:create', '--company', 'Toinen Oy', '--username', 'toinen-admin', '--password', 'Toisen-admin-salasana-7', '--role', 'ADMIN']);
    await deployment.cli(['user:create', '--company', 'Vika Oy', '--username', 'vika-myyja', '--password', 'Vian-myyjan-salasana-7', '--role', 'USER']);
    const api = await deployment.startApi();
    const adminA = await deployment.adminClient(api);
    const adminB = new GraphqlClient(api.url);
    await adminB.login('toinen-admin', 'Toisen-admin-salasana-7');
    const userA = new GraphqlClient(api.url);
    await userA.login('vika-myyja', 'Vian-myyjan-salasana-7');
    for (const [client, subject] of [[adminA, 'Vian viesti'], [adminB, 'Toisen viesti']] as const) {
      await client.expectData(UPDATE_COMPANY.replace('smtp { host port encryption passwordSet }', 'smtp { host }'), {
        i: { enabledChannels: 'EMAIL', companyEmail: 'myynti@yritys.fi', smtp: { host: '127.0.0.1', port: mailboxPort, encryption: 'NONE', authEnabled: false } },
      });
      await client.expectData(SEND, { i: { source: 'QUOTE', to: ['asiakas@asiakas.fi'], subject, body: 'y' } });
    }
    const get = (path: string, token?: string, host?: string) =>
      fetch(`${api.url}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(host ? { host } : {}) } });
    expect((await get('/dev-mailbox?format=json')).status).toBe(401);
    expect((await get('/dev-mailbox?format=json', userA.token)).status).toBe(403);
    const seen = async (client: GraphqlClient) => ((await (await get('/dev-mailbox?format=json', client.token)).json()) as Array<{ subject: string }>).map((m) => m.subject);
    await waitFor('both messages in the dev mailbox', async () => (await seen(adminA)).length > 0 && (await seen(adminB)).length > 0, 15_000, 200);
    expect(await seen(adminA)).toEqual(['Vian viesti']);
    expect(await seen(adminB)).toEqual(['Toisen viesti']);
    // DNS rebinding: a page of another name that resolves here carries that name in Host.
    const rebound = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${api.url}/dev-mailbox?format=json`);
      void import('node:http').then(({ request }) => {
        const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers: { host: `evil.example:${url.port}`, authorization: `Bearer ${adminA.token}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    });
    expect(rebound).toBe(421);
  });
});

describe('sessions across processes', () => {
  let deployment: Deployment;
  afterAll(async () => deployment?.destroy());

  it("a password change in one API process ends the user's token in another within the caller cache", async () => {
    deployment = await createDeployment('sqlite');
    await deployment.cli(['user:create', '--company', 'Vika Oy', '--username', 'kaksi-prosessia', '--password', 'Kahden-prosessin-salasana-1', '--role', 'USER']);
    const [first, second] = [await deployment.startApi(), await deployment.startApi()];
    const onFirst = new GraphqlClient(first.url);
    await onFirst.login('kaksi-prosessia', 'Kahden-prosessin-salasana-1');
    const onSecond = new GraphqlClient(second.url);
    onSecond.token = onFirst.token;
    await onSecond.expectData(ME);
    await onFirst.expectData('mutation { changeMyPassword(currentPassword: "Kahden-prosessin-salasana-1", newPassword: "Uusi-kahden-prosessin-2026") { token } }');
    await waitFor('the other process to refuse the old token', async () => (await onSecond.request(ME)).errors?.[0]?.extensions?.code === 'UNAUTHENTICATED', 10_000, 200);
    expect((await onSecond.request(ME)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the demo company on MySQL', () => {
  it('is not seeded unless asked for, so no generated password is printed', () => {
    const config = loadConfig({ DATABASE_URL: 'mysql://maestro:maestro@127.0.0.1:3306/maestro' });
    expect(config.seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'mysql://maestro:maestro@127.0.0.1:3306/maestro', MAESTRO_SEED_DEMO: 'true' })).toMatchObject({ seedDemo: true, seedDemoAsked: true });
    expect(loadConfig({}).seedDemo).toBe(true);
  });
});

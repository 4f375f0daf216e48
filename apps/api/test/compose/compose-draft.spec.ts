import { Readable } from 'node:stream';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const COMPOSE = `query($input: ComposeDraftInput!) { composeDraft(input: $input) {
  from { name address formatted } to { address formatted } subject body attachmentsAllowed sendMode defaultOutput delivery smtpAccountOwner missingPlaceholders documentRef } }`;

interface DraftAnswer {
  composeDraft: {
    from: { name: string; address: string };
    to: Array<{ address: string; formatted: string }>;
    subject: string;
    body: string;
    attachmentsAllowed: boolean;
    sendMode: string;
    defaultOutput: string;
    delivery: string;
    smtpAccountOwner: string | null;
    missingPlaceholders: string[];
  };
}

describe.each(DATABASE_KINDS)('composeDraft on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
    const s = api.runtime.services;
    await s.settings.updateCompanySettings(api.a.id, {
      enabledChannels: 'EMAIL_AND_SMS',
      companyEmail: 'yritys@yritys.fi',
      senderName: 'Yrityksen edustaja',
      smtp: { host: 'smtp.yritys.fi', username: 'yritys', password: 'Sal-1234' },
      defaultRecipients: 'vakio.asiakas@asiakasyritys.fi',
    });
    await s.settings.updateUserSettings(api.a.id, api.a.user.id, {
      email: 'oma.nimi@sahkoposti.fi',
      senderName: 'Oma Nimi',
      signatureLines: ['', 'Oma Nimi', 'Testikatu 10', '00120 TESTILÄ', '010-12345678', '', '', ''],
    });
    await s.standardTexts.upsert(api.a.id, { source: 'QUOTE', language: 'FI', name: 'Tarjous', subject: 'Tarjous {{documentNumber}}', body: 'Hei {{customerName}},\nliitteenä tarjous {{documentNumber}}.' });
    await s.sendPolicies.update(api.a.id, 'QUOTE', { sendMode: 'ASK', defaultOutput: 'EMAIL' });
  });
  afterAll(async () => {
    await api?.close();
  });

  it("fills the draft from the user's and the company's settings, the standard text and the variables", async () => {
    const result = await api.gql<DraftAnswer>(
      COMPOSE,
      { input: { source: 'QUOTE', documentRef: 'T-1001', to: ['"Virtanen, Matti" <matti@asiakas.fi>; vakio.asiakas@ASIAKASYRITYS.fi'], variables: { documentNumber: 'T-1001' } } },
      { token: api.a.user.token },
    );
    expect(result.errors).toBeUndefined();
    const draft = result.data!.composeDraft;
    expect(draft.from).toMatchObject({ name: 'Oma Nimi', address: 'oma.nimi@sahkoposti.fi' });
    expect(draft.to.map((t) => t.address)).toEqual(['matti@asiakas.fi', 'vakio.asiakas@ASIAKASYRITYS.fi']);
    expect(draft.subject).toBe('Tarjous T-1001');
    expect(draft.body).toContain('liitteenä tarjous T-1001.');
    expect(draft.body).toContain('Oma Nimi\nTestikatu 10');
    expect(draft.missingPlaceholders).toEqual(['customerName']);
    expect(draft).toMatchObject({ sendMode: 'ASK', defaultOutput: 'EMAIL', delivery: 'SMTP', smtpAccountOwner: 'COMPANY', attachmentsAllowed: true });
  });

  it('sends as the company when a service key names no user', async () => {
    const { key } = await api.runtime.services.serviceKeys.create(api.a.id, { name: 'Tarjoukset', module: 'sales' });
    const result = await api.gql<DraftAnswer>(COMPOSE, { input: { source: 'QUOTE' } }, { token: key });
    expect(result.data?.composeDraft.from).toMatchObject({ name: 'Yrityksen edustaja', address: 'yritys@yritys.fi' });
  });

  it("refuses a user's attempt to compose in another user's name", async () => {
    const result = await api.gql(COMPOSE, { input: { source: 'QUOTE', onBehalfOfUserId: api.a.admin.id } }, { token: api.a.user.token });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses with the reason when the company has e-mail sending off', async () => {
    await api.runtime.services.settings.updateCompanySettings(api.b.id, { enabledChannels: 'NONE' });
    const result = await api.gql(COMPOSE, { input: { source: 'QUOTE' } }, { token: api.b.user.token });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'REFUSED', reason: 'CHANNELS_DISABLED' });
    expect(result.errors?.[0]?.message).toMatch(/Palvelu käytössä/);
  });

  it('names every invalid recipient at once', async () => {
    const result = await api.gql(COMPOSE, { input: { source: 'QUOTE', to: ['hyva@x.fi; huono@; toinen huono'] } }, { token: api.a.user.token });
    expect(result.errors?.[0]?.extensions?.reason).toBe('INVALID_RECIPIENTS');
    expect(result.errors?.[0]?.extensions?.pieces).toEqual(['huono@', 'toinen huono']);
  });

  it('refuses a variable that is not a string or a number', async () => {
    const result = await api.gql(COMPOSE, { input: { source: 'QUOTE', variables: { documentNumber: { nested: true } } } }, { token: api.a.user.token });
    expect(result.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('variables.documentNumber');
  });

  it('returns the attachments the calling program uploaded, and refuses another company\'s', async () => {
    const store = api.runtime.services.attachments;
    const own = await store.store({ companyId: api.a.id, uploadedByUserId: api.a.user.id, filename: 'Tarjous T-1.pdf', stream: Readable.from([Buffer.from('%PDF')]), limitBytes: 1000 });
    const other = await store.store({ companyId: api.b.id, uploadedByUserId: api.b.user.id, filename: 'b.pdf', stream: Readable.from([Buffer.from('%PDF')]), limitBytes: 1000 });
    const query = 'query($input: ComposeDraftInput!) { composeDraft(input: $input) { attachments { id filename size } } }';
    const ok = await api.gql<{ composeDraft: { attachments: Array<{ filename: string }> } }>(query, { input: { source: 'QUOTE', attachmentIds: [own.id] } }, { token: api.a.user.token });
    expect(ok.data?.composeDraft.attachments).toEqual([{ id: own.id, filename: 'Tarjous T-1.pdf', size: 4 }]);
    const refused = await api.gql(query, { input: { source: 'QUOTE', attachmentIds: [other.id] } }, { token: api.a.user.token });
    expect(refused.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('attachmentIds.0');
  });

  it('says a hand-off is coming when SMTP sending is off', async () => {
    await api.runtime.services.settings.updateCompanySettings(api.a.id, { smtpSendingEnabled: false });
    try {
      const result = await api.gql<DraftAnswer>(COMPOSE, { input: { source: 'QUOTE' } }, { token: api.a.user.token });
      expect(result.data?.composeDraft).toMatchObject({ delivery: 'HAND_OFF', smtpAccountOwner: null });
    } finally {
      await api.runtime.services.settings.updateCompanySettings(api.a.id, { smtpSendingEnabled: true });
    }
  });
});

import { insertMessageIf, insertMessages } from '../../src/modules/messages/intake/store-once';
import { OutboundMessageEntity } from '../../src/modules/messages/outbound-message.entity';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';
import { outboxRow } from '../support/outbox-rows';

// The outbox's INSERT is written out by hand (intake's hot path): every column must come back as it
// was given, including the ones intake itself leaves empty, which other code writes later.
describe.each(DATABASE_KINDS)('storing outbox rows on %s', (kind) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(async () => {
    await api?.close();
  });

  const row = (n: number) => {
    const now = new Date(Date.UTC(2026, 11, 6, 13, 0, n, 123));
    const entity = outboxRow(api, n, now, { documentRef: ` MT-${n} `, bccList: ['arkisto@yritys.fi'], waitReason: 'SCHEDULED', accountKey: 'company' });
    return Object.assign(entity, {
      lockedBy: 'worker-1',
      lockedUntil: new Date(now.getTime() + 1000),
      lastErrorCode: 'TIMEOUT',
      lastErrorMessage: { fi: 'Aikakatkaisu', en: 'Timed out' },
      lastErrorPermanent: n % 2 === 0,
      recipientErrors: [{ address: 'matti@asiakas.fi', code: 'MAILBOX_FULL', message: { fi: 'Täynnä', en: 'Full' } }],
      smtpResponse: '451 4.2.2 later',
      draftExpiresAt: new Date(now.getTime() + 2000),
      draftInfo: { sendMode: 'ASK' as const, hold: null, missingPlaceholders: [], standardTextId: null, variables: { a: 'b' } },
      sentAt: new Date(now.getTime() + 3000),
    });
  };

  it('reads back every column of one row and of several as they were given', async () => {
    const rows = [row(1), row(2), row(3)];
    await insertMessages(api.runtime.db.manager, rows.slice(0, 1));
    await insertMessages(api.runtime.db.manager, rows.slice(1));
    const read = await api.runtime.db.getRepository(OutboundMessageEntity).findBy(rows.map((r) => ({ id: r.id })));
    expect(read.sort((a, b) => a.id.localeCompare(b.id)).map((r) => ({ ...r }))).toEqual(rows.map((r) => ({ ...r })).sort((a, b) => a.id.localeCompare(b.id)));
    expect(rows[0]?.documentRef).toBe('MT-1');
  });

  it('stores a row under a condition only when the condition holds, every column as given', async () => {
    const [kept, skipped] = [row(5), row(6)];
    await expect(insertMessageIf(api.runtime.db.manager, kept, { sql: '? = ?', parameters: ['a', 'a'] })).resolves.toBe(true);
    await expect(insertMessageIf(api.runtime.db.manager, skipped, { sql: '? = ?', parameters: ['a', 'b'] })).resolves.toBe(false);
    const read = await api.runtime.db.getRepository(OutboundMessageEntity).findBy([{ id: kept.id }, { id: skipped.id }]);
    expect(read.map((r) => ({ ...r }))).toEqual([{ ...kept }]);
  });

  it('refuses a row with a column left undefined rather than writing a default', async () => {
    const incomplete = Object.assign(row(4), { smtpResponse: undefined });
    await expect(insertMessages(api.runtime.db.manager, [incomplete])).rejects.toThrow('outbound_message.smtpResponse has no value');
  });
});

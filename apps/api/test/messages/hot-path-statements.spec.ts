import { applyTransition } from '../../src/modules/messages/lifecycle/apply-transition';
import { claimDueMessages } from '../../src/modules/messages/dispatch/claim-due-messages';
import { insertMessages } from '../../src/modules/messages/intake/store-once';
import { OutboundMessageEntity } from '../../src/modules/messages/outbound-message.entity';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';
import { outboxRow } from '../support/outbox-rows';

// The claim and the outcome run statements written by hand and kept (db/hot-path-sql.ts), not TypeORM's
// builders: what they write must read back through the repository as given, and what the claim reads
// must be what the repository reads.
describe.each(DATABASE_KINDS)('the dispatcher’s kept statements on %s', (kind) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(async () => {
    await api?.close();
  });

  const queued = async (n: number, due: Date) => {
    const entity = outboxRow(api, n, due, { accountKey: `tili-${n}` });
    await insertMessages(api.runtime.db.manager, [entity]);
    return entity;
  };
  const read = (id: string) => api.runtime.db.getRepository(OutboundMessageEntity).findOneByOrFail({ id });

  it('claims a message whole: every column as the repository reads it, stamped as the claim stamps it', async () => {
    const due = new Date(Date.now() - 60_000);
    due.setMilliseconds(250);
    const stored = await queued(1, due);
    const claim = await claimDueMessages(api.runtime.db, { workerId: 'w-kept', now: new Date(), leaseMs: 60_000, limit: 5 });
    const claimed = claim.messages.find((m) => m.id === stored.id);
    expect(claimed).toBeDefined();
    expect({ ...claimed }).toEqual({ ...(await read(stored.id)) });
    expect(claimed).toMatchObject({ status: 'SENDING', lockedBy: 'w-kept', attempts: 1, toList: stored.toList, nextAttemptAt: due });
  });

  it('writes an outcome’s columns so that they read back as given: texts, JSON, a boolean, instants, nulls', async () => {
    const stored = await queued(2, new Date());
    const [claimed] = (await claimDueMessages(api.runtime.db, { workerId: 'w-outcome', now: new Date(), leaseMs: 60_000, limit: 5 })).messages.filter((m) => m.id === stored.id);
    expect(claimed).toBeDefined();
    const now = new Date(Date.UTC(2026, 11, 6, 22, 30, 0, 125));
    const changes = {
      smtpResponse: '451 4.2.2 Postilaatikko täynnä – yritä myöhemmin',
      lastErrorCode: 'MAILBOX_FULL',
      lastErrorMessage: { fi: 'Täynnä', en: 'Full' },
      lastErrorPermanent: false,
      recipientErrors: [{ address: 'matti@asiakas.fi', code: 'MAILBOX_FULL', message: { fi: 'Täynnä', en: 'Full' } }],
      nextAttemptAt: new Date(now.getTime() + 600_000),
      sentAt: null,
    };
    const request = { event: 'transientFailure' as const, id: stored.id, companyId: api.a.id, claimHolder: 'w-outcome', changes, now };
    // Another holder's outcome is refused, and changes nothing.
    await expect(applyTransition(api.runtime.db.manager, { ...request, claimHolder: 'w-other' })).resolves.toBe(false);
    expect(await read(stored.id)).toMatchObject({ status: 'SENDING', lockedBy: 'w-outcome' });
    await expect(applyTransition(api.runtime.db.manager, request)).resolves.toBe(true);
    expect(await read(stored.id)).toMatchObject({ ...changes, status: 'RETRYING', lockedBy: null, lockedUntil: null, updatedAt: now });
    // The same move again finds the message no longer where the event starts.
    await expect(applyTransition(api.runtime.db.manager, request)).resolves.toBe(false);
  });
});

import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';
import { timeOrderedId } from '../../src/common/time-ordered-id';
import { claimDueMessages } from '../../src/modules/messages/dispatch/claim-due-messages';
import { applyTransition } from '../../src/modules/messages/lifecycle/apply-transition';
import { MESSAGE_STATUSES, RECIPIENT_OUTCOMES, type MessageStatus } from '../../src/modules/messages/lifecycle/message-states';
import {
  MESSAGE_EVENTS,
  MESSAGE_TRANSITIONS,
  RECIPIENT_TRANSITIONS,
  canApplyToRecipient,
  deriveMessageStatus,
  type MessageEvent,
} from '../../src/modules/messages/lifecycle/transitions';
import { OutboundMessageEntity } from '../../src/modules/messages/outbound-message.entity';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-databases';

const COMPANY = '00000000-0000-7000-8000-00000000000a';
const HOLDER = 'worker-1';
const MOVES = MESSAGE_EVENTS.filter((event) => MESSAGE_TRANSITIONS[event].from.length > 0);

describe('the message status table', () => {
  it('names every status it moves to and from', () => {
    for (const event of MESSAGE_EVENTS) {
      const { from, to } = MESSAGE_TRANSITIONS[event];
      expect(MESSAGE_STATUSES).toContain(to);
      for (const status of from) expect(MESSAGE_STATUSES).toContain(status);
    }
  });

  it('lets nothing leave a handed-off message: it is the user’s mail program’s from then on', () => {
    expect(MOVES.filter((event) => (MESSAGE_TRANSITIONS[event].from as readonly string[]).includes('HANDED_OFF'))).toEqual([]);
  });

  it('lets nothing leave a discarded draft: a draft nobody sent never goes out', () => {
    expect(MOVES.filter((event) => (MESSAGE_TRANSITIONS[event].from as readonly string[]).includes('DISCARDED'))).toEqual([]);
  });

  it("moves a draft only by its user's send, hand-off or discard, or its expiry; a dispatcher never takes one", () => {
    expect(MOVES.filter((event) => (MESSAGE_TRANSITIONS[event].from as readonly string[]).includes('DRAFT')).sort()).toEqual(['discardDraft', 'expireDraft', 'handOffDraft', 'submitDraft']);
  });

  it('lets only the claim holder record what happened to a message being sent', () => {
    for (const event of MOVES) {
      const fromSending = (MESSAGE_TRANSITIONS[event].from as readonly string[]).includes('SENDING');
      expect([event, MESSAGE_TRANSITIONS[event].byClaimHolder]).toEqual([event, fromSending && event !== 'takeOver']);
    }
  });

  it('moves every recipient only from the outcomes its event allows', () => {
    for (const [event, transition] of Object.entries(RECIPIENT_TRANSITIONS)) {
      for (const outcome of RECIPIENT_OUTCOMES) {
        expect([event, outcome, canApplyToRecipient(event as keyof typeof RECIPIENT_TRANSITIONS, outcome)]).toEqual([
          event,
          outcome,
          (transition.from as readonly string[]).includes(outcome),
        ]);
      }
    }
  });
});

describe('a message’s status follows from its recipients', () => {
  it('is QUEUED while no recipient has been tried', () => {
    expect(deriveMessageStatus(['PENDING', 'PENDING'])).toBe('QUEUED');
  });
  it('is SENT when every recipient was accepted', () => {
    expect(deriveMessageStatus(['ACCEPTED', 'ACCEPTED'])).toBe('SENT');
  });
  it('is SENT when some were accepted and the others refused for good', () => {
    expect(deriveMessageStatus(['ACCEPTED', 'REFUSED'])).toBe('SENT');
  });
  it('is PARTIALLY_SENT while some were accepted and others wait for another try', () => {
    expect(deriveMessageStatus(['ACCEPTED', 'DEFERRED', 'REFUSED'])).toBe('PARTIALLY_SENT');
  });
  it('is RETRYING when nobody got through yet and someone waits for another try', () => {
    expect(deriveMessageStatus(['DEFERRED', 'REFUSED'])).toBe('RETRYING');
  });
  it('is FAILED when every recipient was refused or bounced', () => {
    expect(deriveMessageStatus(['REFUSED', 'BOUNCED'])).toBe('FAILED');
  });
  it('stays SENT when a delivery is only delayed', () => {
    expect(deriveMessageStatus(['DELAYED', 'ACCEPTED'])).toBe('SENT');
  });
});

describe.each(DATABASE_KINDS)('applying the table on %s', (kind) => {
  let database: TestDatabase;
  let db: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = await openDatabase(database.target);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  async function messageIn(status: MessageStatus, lease: { holder: string; until: Date } | null = null): Promise<string> {
    const id = timeOrderedId();
    const now = new Date();
    await db.getRepository(OutboundMessageEntity).insert({
      id,
      companyId: COMPANY,
      channel: 'EMAIL',
      source: 'QUOTE',
      documentRef: null,
      status,
      senderUserId: null,
      sentBy: 'test',
      fromName: '',
      fromAddress: 'myynti@yritys.fi',
      toList: ['asiakas@asiakas.fi'],
      ccList: [],
      bccList: [],
      subject: 's',
      body: 'b',
      language: 'FI',
      splitGroupId: null,
      messageId: `<${id}@yritys.fi>`,
      attempts: 0,
      nextAttemptAt: new Date(now.getTime() + 3600_000),
      giveUpAt: new Date(now.getTime() + 48 * 3600_000),
      lockedBy: lease?.holder ?? null,
      lockedUntil: lease?.until ?? null,
      waitReason: null,
      lastErrorCode: null,
      lastErrorMessage: null,
      lastErrorPermanent: null,
      recipientErrors: null,
      smtpResponse: null,
      createdAt: now,
      sentAt: null,
      updatedAt: now,
    });
    return id;
  }

  const statusOf = async (id: string) => (await db.getRepository(OutboundMessageEntity).findOneByOrFail({ id })).status;

  // Every event against every status: the allowed moves happen, every other is refused and changes nothing.
  const cases = MOVES.flatMap((event) => MESSAGE_STATUSES.map((status) => [event, status] as [MessageEvent, MessageStatus]));
  it.each(cases)('%s from %s happens exactly when the table allows it', async (event, status) => {
    const transition = MESSAGE_TRANSITIONS[event];
    // A message being sent holds a claim; for a take-over that claim's lease has run out.
    const lease = status === 'SENDING' ? { holder: HOLDER, until: new Date(Date.now() + (transition.leaseExpired ? -1000 : 60_000)) } : null;
    const id = await messageIn(status, lease);
    const allowed = (transition.from as readonly MessageStatus[]).includes(status);
    const moved = await applyTransition(db.manager, {
      event,
      id,
      companyId: COMPANY,
      claimHolder: transition.byClaimHolder ? HOLDER : undefined,
      changes: transition.to === 'SENDING' ? { lockedBy: 'worker-2', lockedUntil: new Date(Date.now() + 60_000) } : {},
      now: new Date(),
    });
    expect(moved).toBe(allowed);
    expect(await statusOf(id)).toBe(allowed ? transition.to : status);
  });

  it.each(MOVES.filter((event) => MESSAGE_TRANSITIONS[event].byClaimHolder))('refuses %s from a dispatcher that does not hold the claim', async (event) => {
    const id = await messageIn('SENDING', { holder: HOLDER, until: new Date(Date.now() + 60_000) });
    expect(await applyTransition(db.manager, { event, id, claimHolder: 'worker-2', now: new Date() })).toBe(false);
    expect(await statusOf(id)).toBe('SENDING');
  });

  it('refuses a take-over while the holder’s lease still runs', async () => {
    const id = await messageIn('SENDING', { holder: HOLDER, until: new Date(Date.now() + 60_000) });
    expect(await applyTransition(db.manager, { event: 'takeOver', id, changes: { lockedBy: 'worker-2' }, now: new Date() })).toBe(false);
    expect((await db.getRepository(OutboundMessageEntity).findOneByOrFail({ id })).lockedBy).toBe(HOLDER);
  });

  it('refuses a person’s move on another company’s message', async () => {
    const id = await messageIn('FAILED');
    expect(await applyTransition(db.manager, { event: 'retry', id, companyId: '00000000-0000-7000-8000-00000000000b', now: new Date() })).toBe(false);
    expect(await statusOf(id)).toBe('FAILED');
  });

  it('ends the claim when an outcome is recorded', async () => {
    const id = await messageIn('SENDING', { holder: HOLDER, until: new Date(Date.now() + 60_000) });
    await applyTransition(db.manager, { event: 'delivered', id, claimHolder: HOLDER, now: new Date() });
    const row = await db.getRepository(OutboundMessageEntity).findOneByOrFail({ id });
    expect([row.lockedBy, row.lockedUntil]).toEqual([null, null]);
  });

  it('claims due messages only from the statuses the table lets a dispatcher claim', async () => {
    const ids = new Map<MessageStatus, string>();
    for (const status of MESSAGE_STATUSES) {
      const lease = status === 'SENDING' ? { holder: HOLDER, until: new Date(Date.now() - 1000) } : null;
      const id = await messageIn(status, lease);
      // Each its own sending account, so that no account's cap stands between the claim and a status.
      await db.getRepository(OutboundMessageEntity).update({ id }, { nextAttemptAt: new Date(Date.now() - 1000), accountKey: `account-${status}` });
      ids.set(status, id);
    }
    const { messages: claimed } = await claimDueMessages(db, { workerId: 'claimer', now: new Date(), leaseMs: 60_000, limit: 1000 });
    const claimedStatuses = MESSAGE_STATUSES.filter((status) => claimed.some((m) => m.id === ids.get(status)));
    expect(claimedStatuses.sort()).toEqual([...MESSAGE_TRANSITIONS.claim.from, ...MESSAGE_TRANSITIONS.takeOver.from].sort());
    expect(claimed.every((m) => m.status === 'SENDING' && m.lockedBy === 'claimer')).toBe(true);
  });
});

import { newOutboxRow, type OutboxRowContent } from '../../src/modules/messages/intake/new-outbox-row';
import type { OutboundMessageEntity } from '../../src/modules/messages/outbound-message.entity';
import type { TestApi } from './test-api';

/**
 * Outbox row number `n` of company A's user, accepted at `at`, as intake builds it (newOutboxRow): an
 * order confirmation to one customer. `content` replaces any of its parts; `documentRef` is given as the
 * caller wrote it (intake trims it).
 */
export function outboxRow(api: TestApi, n: number, at: Date, content: Partial<OutboxRowContent> & { documentRef?: string } = {}): OutboundMessageEntity {
  const { documentRef = `MT-${n}`, ...parts } = content;
  const caller = { kind: 'USER' as const, userId: api.a.user.id, companyId: api.a.id, role: 'USER' as const, username: 'käyttäjä' };
  return newOutboxRow('accept', { caller, senderUserId: api.a.user.id, documentRef, now: at, due: at, retryMaxAgeMs: 3600_000 }, {
    channel: 'EMAIL',
    source: 'SALES_ORDER',
    fromName: 'Yritys Oy',
    fromAddress: 'myynti@yritys.fi',
    toList: ['"Virtanen, Matti" <matti@asiakas.fi>'],
    ccList: [],
    bccList: [],
    splitGroupId: null,
    subject: `Tilausvahvistus ${n} – ä`,
    body: 'Hei,\n\nkiitos.',
    language: 'FI',
    messageId: `<${n}@yritys.fi>`,
    waitReason: null,
    ...parts,
  });
}

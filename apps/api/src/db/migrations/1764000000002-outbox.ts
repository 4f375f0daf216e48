import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './column-helpers';

export class Outbox1764000000002 implements MigrationInterface {
  name = 'Outbox1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'outbound_message',
        columns: [
          col.id(),
          col.ref('companyId'),
          col.varchar('channel', 5),
          col.varchar('source', 32),
          { ...col.varchar('documentRef', 200), isNullable: true },
          col.varchar('status', 12),
          col.ref('senderUserId', true),
          col.varchar('sentBy', 200),
          col.varchar('fromName', 200, ''),
          col.varchar('fromAddress', 320),
          col.text('toList', false),
          col.text('ccList', false),
          col.text('bccList', false),
          col.varchar('subject', 998, ''),
          col.text('body', false),
          col.varchar('language', 2),
          col.varchar('messageId', 250),
          col.int('attempts', 0),
          col.datetime('nextAttemptAt'),
          col.datetime('giveUpAt'),
          { ...col.varchar('lockedBy', 64), isNullable: true },
          col.datetime('lockedUntil', true),
          { ...col.varchar('waitReason', 32), isNullable: true },
          { ...col.varchar('lastErrorCode', 40), isNullable: true },
          col.text('lastErrorMessage'),
          { name: 'lastErrorPermanent', type: 'boolean', isNullable: true },
          col.text('recipientErrors'),
          { ...col.varchar('smtpResponse', 1000), isNullable: true },
          col.datetime('createdAt'),
          col.datetime('sentAt', true),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['status', 'nextAttemptAt'] }, { columnNames: ['companyId', 'createdAt'] }, { columnNames: ['companyId', 'documentRef'] }, { columnNames: ['senderUserId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'attachment',
        columns: [
          col.id(),
          col.ref('companyId'),
          col.ref('uploadedByUserId', true),
          col.varchar('filename', 255),
          col.varchar('contentType', 127),
          col.int('size', 0),
          col.varchar('sha256', 64, ''),
          col.bool('complete', false),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['companyId', 'createdAt'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'attachment_chunk',
        columns: [col.id('attachmentId'), { name: 'seq', type: 'integer', isPrimary: true }, { name: 'data', type: 'blob' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'message_attachment',
        columns: [col.id('messageId'), { name: 'position', type: 'integer', isPrimary: true }, col.ref('attachmentId')],
        indices: [{ columnNames: ['attachmentId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'idempotency_record',
        columns: [col.id('companyId'), { ...col.varchar('idempotencyKey', 200), isPrimary: true }, col.varchar('payloadHash', 64), col.text('messageIds', false), col.datetime('createdAt')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'send_quota',
        columns: [
          { ...col.varchar('accountKey', 64), isPrimary: true },
          { ...col.varchar('kind', 8), isPrimary: true },
          { name: 'windowStart', type: 'bigint', isPrimary: true },
          col.int('used', 0),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['send_quota', 'idempotency_record', 'message_attachment', 'attachment_chunk', 'attachment', 'outbound_message']) await q.dropTable(table);
  }
}

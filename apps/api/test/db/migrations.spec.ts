import 'reflect-metadata';
import { openDatabase } from '../../src/db/data-source';
import { MIGRATIONS } from '../../src/db/migrations';
import { DATABASE_KINDS, createTestDatabase } from '../support/test-databases';

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  it('build exactly the schema the entities describe, so no migration is missing', async () => {
    const db = await createTestDatabase(kind);
    const dataSource = await openDatabase(db.target);
    try {
      // What `typeorm migration:generate` would write: empty means the migrations are complete.
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it('can be undone and run again', async () => {
    const db = await createTestDatabase(kind);
    const dataSource = await openDatabase(db.target);
    try {
      for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
      expect(await dataSource.showMigrations()).toBe(true);
      await dataSource.runMigrations();
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it('keep every message’s status when the status column is widened', async () => {
    const db = await createTestDatabase(kind);
    const dataSource = await openDatabase(db.target);
    try {
      const applied = async () => ((await dataSource.query('SELECT name FROM migrations')) as Array<{ name: string }>).map((r) => r.name);
      while ((await applied()).includes('MessageStatusRoom1765000000011')) await dataSource.undoLastMigration();
      await dataSource.query(
        `INSERT INTO outbound_message (id, companyId, channel, source, status, sentBy, fromAddress, toList, ccList, bccList, body, language, messageId, nextAttemptAt, giveUpAt, createdAt, updatedAt)
         VALUES ('m-1', 'c-1', 'EMAIL', 'QUOTE', 'SENT', 't', 'a@b.fi', '[]', '[]', '[]', 'b', 'FI', '<m-1@b.fi>', '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
      );
      await dataSource.runMigrations();
      expect(await dataSource.query("SELECT status FROM outbound_message WHERE id = 'm-1'")).toEqual([{ status: 'SENT' }]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it('turn every stored "send later" into ASK, flag exactly the rows they changed, and can turn them back', async () => {
    const db = await createTestDatabase(kind);
    const dataSource = await openDatabase(db.target);
    try {
      const applied = async () => ((await dataSource.query('SELECT name FROM migrations')) as Array<{ name: string }>).map((r) => r.name);
      while ((await applied()).includes('RetireSendLater1765153820417')) await dataSource.undoLastMigration();
      await dataSource.query(
        `INSERT INTO module_send_policy (companyId, source, defaultOutput, sendMode, migratedFromSendLater) VALUES
         ('c-1', 'SALES_ORDER', 'EMAIL', 'SEND_LATER', 0), ('c-1', 'QUOTE', 'PAPER', 'ASK', 0), ('c-2', 'SALES_ORDER', 'PAPER', 'SEND_NOW', 0)`,
      );
      const rows = async () =>
        ((await dataSource.query('SELECT companyId, source, sendMode, migratedFromSendLater FROM module_send_policy ORDER BY companyId, source')) as Array<{ companyId: string; source: string; sendMode: string; migratedFromSendLater: unknown }>).map((r) => ({
          ...r,
          migratedFromSendLater: Boolean(Number(r.migratedFromSendLater)),
        }));
      await dataSource.runMigrations();
      expect(await rows()).toEqual([
        { companyId: 'c-1', source: 'QUOTE', sendMode: 'ASK', migratedFromSendLater: false },
        { companyId: 'c-1', source: 'SALES_ORDER', sendMode: 'ASK', migratedFromSendLater: true },
        { companyId: 'c-2', source: 'SALES_ORDER', sendMode: 'SEND_NOW', migratedFromSendLater: false },
      ]);
      while ((await applied()).includes('RetireSendLater1765153820417')) await dataSource.undoLastMigration();
      expect((await rows()).map((r) => r.sendMode)).toEqual(['ASK', 'SEND_LATER', 'SEND_NOW']);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it("bring a database that ran issue 15's token version and issue 14's provider settings up to date, keeping every token version", async () => {
    const db = await createTestDatabase(kind);
    const dataSource = await openDatabase(db.target);
    try {
      const applied = async () => ((await dataSource.query('SELECT name FROM migrations')) as Array<{ name: string }>).map((r) => r.name);
      // The state such a database is in: every migration of that time run, the security hardening not.
      while ((await applied()).includes('SecurityHardening1765312848213')) await dataSource.undoLastMigration();
      const later = MIGRATIONS.slice(MIGRATIONS.findIndex((m) => m.name === 'SecurityHardening1765312848213') + 1);
      const runner = dataSource.createQueryRunner();
      try {
        for (const Migration of later) {
          const migration = new Migration();
          await migration.up(runner);
          const timestamp = Number(/(\d{13})$/.exec(migration.name ?? '')?.[1]);
          await runner.query(`INSERT INTO migrations (timestamp, name) VALUES (${timestamp}, '${migration.name}')`);
        }
      } finally {
        await runner.release();
      }
      expect(await applied()).toContain('UserTokenVersion1765153820419');
      await dataSource.query(
        `INSERT INTO app_user (id, companyId, username, displayName, role, passwordHash, active, tokenVersion, createdAt) VALUES ('u-1', 'c-1', 'matti', '', 'USER', 'x', 1, 3, '2026-01-01 00:00:00')`,
      );
      await dataSource.runMigrations();
      expect(await dataSource.showMigrations()).toBe(false);
      expect((await dataSource.query("SELECT tokenVersion FROM app_user WHERE id = 'u-1'")) as unknown).toEqual([{ tokenVersion: 3 }]);
      expect((await dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
  it("give existing SMTP accounts issue 17's IMAP block switched off (no server), keeping every other field", async () => {
    const db = await createTestDatabase(kind);
    const dataSource = await openDatabase(db.target);
    try {
      const applied = async () => ((await dataSource.query('SELECT name FROM migrations')) as Array<{ name: string }>).map((r) => r.name);
      while ((await applied()).includes('ImapSettings1796541186928')) await dataSource.undoLastMigration();
      await dataSource.query(
        "INSERT INTO company_message_settings (companyId, smtpHost, smtpUsername, defaultRecipients, updatedAt) VALUES ('c-1', 'smtp.webhotelli.fi', 'myynti@yritys.fi', '', '2026-01-01 00:00:00')",
      );
      await dataSource.runMigrations();
      const rows = (await dataSource.query(
        "SELECT smtpHost, smtpUsername, smtpImapHost, smtpImapPort, smtpImapEncryption, smtpImapAppendToSent, smtpImapSentFolder FROM company_message_settings WHERE companyId = 'c-1'",
      )) as Array<Record<string, unknown>>;
      expect(rows.map((r) => ({ ...r, smtpImapAppendToSent: Boolean(Number(r.smtpImapAppendToSent)) }))).toEqual([
        { smtpHost: 'smtp.webhotelli.fi', smtpUsername: 'myynti@yritys.fi', smtpImapHost: '', smtpImapPort: 993, smtpImapEncryption: 'SSL', smtpImapAppendToSent: true, smtpImapSentFolder: '' },
      ]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it('add the per-recipient table to a database with messages from before, keeping every message, and drop it again on undo', async () => {
    const db = await createTestDatabase(kind);
    const dataSource = await openDatabase(db.target);
    try {
      const applied = async () => ((await dataSource.query('SELECT name FROM migrations')) as Array<{ name: string }>).map((r) => r.name);
      while ((await applied()).includes('MessageRecipients1796600000000')) await dataSource.undoLastMigration();
      expect(await dataSource.createQueryRunner().hasTable('message_recipient')).toBe(false);
      await dataSource.query(
        `INSERT INTO outbound_message (id, companyId, channel, source, status, sentBy, fromAddress, toList, ccList, bccList, body, language, messageId, nextAttemptAt, giveUpAt, createdAt, updatedAt)
         VALUES ('m-1', 'c-1', 'EMAIL', 'QUOTE', 'RETRYING', 't', 'a@b.fi', '["x@y.fi"]', '[]', '[]', 'b', 'FI', '<m-1@b.fi>', '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
      );
      await dataSource.runMigrations();
      expect(await dataSource.query("SELECT status, toList FROM outbound_message WHERE id = 'm-1'")).toEqual([{ status: 'RETRYING', toList: '["x@y.fi"]' }]);
      await dataSource.query(
        `INSERT INTO message_recipient (outboundMessageId, position, companyId, kind, address, outcome, lastReply, attempts, updatedAt)
         VALUES ('m-1', 0, 'c-1', 'TO', 'x@y.fi', 'DEFERRED', '452 4.2.2 Busy', 1, '2026-01-01 00:00:00')`,
      );
      expect(await dataSource.query("SELECT address, outcome, lastReply FROM message_recipient WHERE outboundMessageId = 'm-1'")).toEqual([{ address: 'x@y.fi', outcome: 'DEFERRED', lastReply: '452 4.2.2 Busy' }]);
      while ((await applied()).includes('MessageRecipients1796600000000')) await dataSource.undoLastMigration();
      expect(await dataSource.createQueryRunner().hasTable('message_recipient')).toBe(false);
      expect(await dataSource.query("SELECT id FROM outbound_message WHERE id = 'm-1'")).toEqual([{ id: 'm-1' }]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it("leave messages stored before issue 13's sending accounts without one (one per company) and start with no account state", async () => {
    const db = await createTestDatabase(kind);
    const dataSource = await openDatabase(db.target);
    try {
      const applied = async () => ((await dataSource.query('SELECT name FROM migrations')) as Array<{ name: string }>).map((r) => r.name);
      while ((await applied()).includes('SendingAccounts1796700000000')) await dataSource.undoLastMigration();
      await dataSource.query(
        `INSERT INTO outbound_message (id, companyId, channel, source, status, sentBy, fromAddress, toList, ccList, bccList, body, language, messageId, nextAttemptAt, giveUpAt, createdAt, updatedAt)
         VALUES ('m-1', 'c-1', 'EMAIL', 'SALES_ORDER', 'QUEUED', 'a', 'a@yritys.fi', '[]', '[]', '[]', 'x', 'fi', '<m-1@yritys.fi>', '2026-01-01 00:00:00', '2026-01-03 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
      );
      await dataSource.runMigrations();
      expect(await dataSource.query("SELECT id, status, accountKey FROM outbound_message WHERE id = 'm-1'")).toEqual([{ id: 'm-1', status: 'QUEUED', accountKey: null }]);
      expect(await dataSource.query('SELECT * FROM sending_account')).toEqual([]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it('lead the due-message index with the account, so a scan seeks each account once, and put the due time first again on undo', async () => {
    const db = await createTestDatabase(kind);
    const dataSource = await openDatabase(db.target);
    try {
      const statusIndex = async () => {
        const table = await dataSource.createQueryRunner().getTable('outbound_message');
        return table?.indices.filter((index) => index.columnNames[0] === 'status').map((index) => index.columnNames);
      };
      expect(await statusIndex()).toEqual([['status', 'companyId', 'accountKey', 'nextAttemptAt']]);
      await dataSource.undoLastMigration();
      expect(await statusIndex()).toEqual([['status', 'nextAttemptAt', 'companyId', 'accountKey']]);
      await dataSource.runMigrations();
      expect(await statusIndex()).toEqual([['status', 'companyId', 'accountKey', 'nextAttemptAt']]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});

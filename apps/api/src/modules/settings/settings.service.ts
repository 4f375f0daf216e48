import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { checkSmtpHost, type HostPolicy, type SendingUser } from '@maestro/mail-core';
import type { z } from 'zod';
import {
  companyMessageSettingsSchema,
  companyMessageSettingsWarnings,
  defaultCompanyMessageSettings,
  defaultSmsSettings,
  defaultUserMailSettings,
  hasSmtpHost,
  listFields,
  microsoftOAuthSwitch,
  problem,
  valueAtPath,
  smsSettingsSchema,
  smsSettingsWarnings,
  userMailSettingsSchema,
  userMailSettingsWarnings,
  validateRecord,
  withFilledTemplates,
  type CompanyMessageSettings,
  type MicrosoftOAuthDetails,
  type Problem,
  type SmsSettings,
  type SmtpAccount,
  type SmtpAccountKind,
  type UserMailSettings,
  type UserWarningContext,
} from '@maestro/settings-schema';
import { ShortCache } from '../../common/short-cache';
import { badInput, forbidden } from '../../common/user-facing-error';
import type { SecretBox } from '../secrets/secret-box';
import { CompanyMessageSettingsEntity } from './company-message-settings.entity';
import { SmsSettingsEntity } from './sms-settings.entity';
import { UserMailSettingsEntity } from './user-mail-settings.entity';
import { keptSecretProblems, mergeSettingsInput } from './settings-input-merge';
import { readRecord, writeRecord } from './settings-record-mapper';
import type { LocalizedWarning } from './settings-presenter';
import { transaction } from '../../db/transaction';

export interface SettingsServiceOptions {
  /** The seed's "konesali" customers must authenticate to SMTP. */
  hosted: boolean;
  /** Which SMTP hosts may be saved (a hosted installation refuses internal addresses). */
  hostPolicy?: HostPolicy;
}

/** Who saves a user's Sähköposti määrittely: an admin sets everything; the user only a few fields. */
export type UserSettingsEditor = 'ADMIN' | 'SELF';

/**
 * What a user may change in their own Sähköposti määrittely (DESIGN: a user keeps their signature,
 * default recipient and the secret of their own mailbox). Sender address and name and the SMTP
 * account are an admin's: nobody sends From an address an admin did not give them.
 */
export const SELF_EDITABLE_USER_FIELDS: ReadonlySet<string> = new Set([
  'signatureLines',
  'defaultRecipient',
  'smtp.password',
  'smtp.oauthClientSecret',
  // Kept with the client secret (the API clears it with a new secret): whoever types the secret dates it.
  'smtp.oauthClientSecretExpiresAt',
  'smtp.oauthServiceAccountKey',
]);

/** The mailbox an account signs in as (the user name, or with OAuth2 the mailbox the token is for), for comparing. */
function signedInMailbox(smtp: Pick<SmtpAccount, 'authMethod' | 'username' | 'oauthUser'>): string {
  return (smtp.authMethod === 'PASSWORD' ? smtp.username : smtp.oauthUser.trim() || smtp.username).trim().toLowerCase();
}

/** A user's stored settings and whether an admin set or confirmed the sender address and name in them. */
export interface StoredUserSettings {
  record: UserMailSettings;
  senderConfirmed: boolean;
}

/** How long another process's settings change may take to be seen here. */
export const SETTINGS_CACHE_MS = 2000;

export interface Loaded<T> {
  record: T;
  warnings: LocalizedWarning[];
}

/** The fields a user changed that only an admin may change (see SELF_EDITABLE_USER_FIELDS). */
function adminOnlyProblems(schema: z.ZodType, before: object, after: object): Problem[] {
  return listFields(schema)
    .filter((f) => !SELF_EDITABLE_USER_FIELDS.has(f.path))
    .filter((f) => JSON.stringify(valueAtPath(before, f.path) ?? null) !== JSON.stringify(valueAtPath(after, f.path) ?? null))
    .map((f) => problem(f.path, 'ADMIN_ONLY', { labelFi: f.labelFi, labelEn: f.labelEn }));
}

/**
 * Where each kind of settings record is stored, its rules, its defaults, its warnings and how it is
 * stored (SMS: the templates the simple fields stand for are kept on the record).
 */
const RECORDS = {
  company: { schema: companyMessageSettingsSchema, entity: CompanyMessageSettingsEntity, defaults: defaultCompanyMessageSettings, warnings: companyMessageSettingsWarnings, normalize: undefined },
  sms: { schema: smsSettingsSchema, entity: SmsSettingsEntity, defaults: defaultSmsSettings, warnings: smsSettingsWarnings, normalize: withFilledTemplates },
  user: { schema: userMailSettingsSchema, entity: UserMailSettingsEntity, defaults: defaultUserMailSettings, warnings: userMailSettingsWarnings, normalize: undefined },
} as const;

/** An update: the fields to change, or a function of the stored record that gives them (read in the same transaction). */
type SettingsInput<T> = object | ((current: T) => object);

type RecordKind = keyof typeof RECORDS;
type RecordOf<K extends RecordKind> = ReturnType<(typeof RECORDS)[K]['defaults']>;
type RecordKey = { companyId: string; userId?: string };
type SettingsRow = CompanyMessageSettingsEntity | SmsSettingsEntity | UserMailSettingsEntity;

interface StoredRecord<T> {
  schema: z.ZodType<T>;
  entity: EntityTarget<SettingsRow>;
  defaults: () => T;
  normalize?: (record: T) => T;
}

/**
 * Company, SMS and user mail settings: read with secrets opened (for sending), saved whole or not at
 * all after every problem has been collected.
 */
export class SettingsService {
  /**
   * Settings are read for every draft and every message sent: they are kept for a moment (shared,
   * deep-frozen). A change made in this process counts at once; one made by another process within
   * SETTINGS_CACHE_MS.
   */
  private readonly cache = new ShortCache(SETTINGS_CACHE_MS);

  constructor(
    private readonly db: DataSource,
    private readonly box: SecretBox,
    private readonly options: SettingsServiceOptions,
  ) {}

  private cached<T>(key: string, manager: EntityManager, load: () => Promise<T>): Promise<T> {
    // Inside a transaction (an update) always read what the transaction sees.
    return manager === this.db.manager ? this.cache.get(`${key}`, load) : load();
  }

  private forget(companyId: string): void {
    this.cache.forget(`${companyId}:`);
  }

  companySettings(companyId: string, manager: EntityManager = this.db.manager): Promise<CompanyMessageSettings> {
    return this.cached(`${companyId}:company`, manager, async () => (await this.read(RECORDS.company, { companyId }, manager)).record);
  }

  smsSettings(companyId: string, manager: EntityManager = this.db.manager): Promise<SmsSettings> {
    return this.cached(`${companyId}:sms`, manager, async () => (await this.read(RECORDS.sms, { companyId }, manager)).record);
  }

  /** A user's settings as stored, secrets opened (their SMTP account for sending, the settings dialogs). */
  async userSettings(companyId: string, userId: string, manager: EntityManager = this.db.manager): Promise<UserMailSettings> {
    return (await this.storedUserSettings(companyId, userId, manager)).record;
  }

  /**
   * A user's settings for resolving who they send as (mail-core's resolveSender, the one place that
   * decides it): with whether an admin set or confirmed their sender address and name.
   */
  async sendingUser(companyId: string, userId: string): Promise<SendingUser> {
    const stored = await this.storedUserSettings(companyId, userId);
    return { ...stored.record, senderConfirmed: stored.senderConfirmed };
  }

  /** A user's settings as stored (for the settings dialogs), with whether the sender is confirmed. */
  storedUserSettings(companyId: string, userId: string, manager: EntityManager = this.db.manager): Promise<StoredUserSettings> {
    return this.cached(`${companyId}:user:${userId}`, manager, async () => {
      const { entity, record } = await this.read(RECORDS.user, { companyId, userId }, manager);
      return { record, senderConfirmed: (entity as UserMailSettingsEntity | null)?.senderConfirmed ?? false };
    });
  }

  /** The users of a company whose sender address or name waits for an admin's confirmation. */
  async unconfirmedSenders(companyId: string): Promise<Array<{ userId: string; email: string; senderName: string }>> {
    const rows = await this.db.getRepository(UserMailSettingsEntity).find({ where: { companyId, senderConfirmed: false }, order: { userId: 'ASC' } });
    return rows.filter((row) => row.email.trim() !== '' || row.senderName.trim() !== '').map((row) => ({ userId: row.userId, email: row.email, senderName: row.senderName }));
  }

  /** An admin confirms the sender address and name a user set themselves: from now on the user sends as them. */
  async confirmSender(companyId: string, userId: string): Promise<StoredUserSettings> {
    await this.db.getRepository(UserMailSettingsEntity).update({ companyId, userId }, { senderConfirmed: true, updatedAt: new Date() });
    this.forget(companyId);
    return this.storedUserSettings(companyId, userId);
  }

  /** Every user's mail settings that were ever saved in the company, secrets opened. */
  async allUserSettings(companyId: string): Promise<Array<{ userId: string; record: UserMailSettings }>> {
    const rows = await this.db.manager.findBy(UserMailSettingsEntity, { companyId });
    return rows.map((row) => ({ userId: row.userId, record: readRecord(userMailSettingsSchema, row, this.box, defaultUserMailSettings()) }));
  }

  /**
   * The record with its warnings. A user's address is compared with the account their mail really
   * goes through, which without a host of their own is the company's: it is read for that.
   */
  async withWarnings<K extends RecordKind>(kind: K, record: RecordOf<K>, companyId: string, manager: EntityManager = this.db.manager): Promise<Loaded<RecordOf<K>>> {
    const context: UserWarningContext = { now: new Date() };
    if (kind === 'user' && !hasSmtpHost((record as UserMailSettings).smtp)) context.companySmtp = (await this.companySettings(companyId, manager)).smtp;
    return { record, warnings: (RECORDS[kind].warnings as (r: RecordOf<K>, c: UserWarningContext) => LocalizedWarning[])(record, context) };
  }

  updateCompanySettings(companyId: string, input: SettingsInput<CompanyMessageSettings>): Promise<Loaded<CompanyMessageSettings>> {
    return this.update('company', { companyId }, input);
  }

  updateSmsSettings(companyId: string, input: SettingsInput<SmsSettings>): Promise<Loaded<SmsSettings>> {
    return this.update('sms', { companyId }, input);
  }

  /**
   * Saves a user's settings. An admin may change every field, and a sender address or name an admin
   * saves counts as confirmed. The user themselves (SELF) may change only SELF_EDITABLE_USER_FIELDS:
   * any other field that differs from what is stored is refused, naming it.
   */
  updateUserSettings(companyId: string, userId: string, input: SettingsInput<UserMailSettings>, editor: UserSettingsEditor = 'ADMIN'): Promise<Loaded<UserMailSettings>> {
    return this.update('user', { companyId, userId }, input, editor);
  }

  /**
   * The guided switch of one account from a password to Microsoft 365's OAuth2 preset, keeping its
   * other fields (settings-schema's microsoftOAuthSwitch), validated and saved whole like any update.
   */
  async switchToMicrosoftOAuth(companyId: string, kind: SmtpAccountKind, userId: string | null, details: MicrosoftOAuthDetails): Promise<void> {
    // The new client secret is sealed with the new details. The stored password was bound to password
    // sign-in, which ends here: it is dropped rather than kept unusable (or asked for again).
    const switched = (smtp: SmtpAccount) => ({ ...microsoftOAuthSwitch(smtp, details), password: '', oauthServiceAccountKey: '' });
    const input = (current: { smtp: SmtpAccount }) => ({ smtp: switched(current.smtp) });
    if (kind === 'COMPANY') await this.updateCompanySettings(companyId, input);
    else if (kind === 'SMS') await this.updateSmsSettings(companyId, (current) => this.smsSwitch(current, switched(current.smtp)));
    else if (kind === 'USER' && userId) await this.updateUserSettings(companyId, userId, input);
    else throw forbidden();
  }

  /**
   * The SMS account's switch. The gateway password is bound to the account's server and mailbox (the
   * gateway e-mail leaves from there): it is carried over, sealed with the new details, when the mailbox
   * stays the same and only the preset's Microsoft server changes (smtp-legacy to smtp.office365.com);
   * a switch to another mailbox asks for it again like any save.
   */
  private smsSwitch(current: SmsSettings, smtp: ReturnType<typeof microsoftOAuthSwitch>): object {
    const sameMailbox = signedInMailbox(current.smtp) === signedInMailbox({ ...current.smtp, ...smtp });
    return { smtp, ...(sameMailbox && current.gatewayPassword ? { gatewayPassword: current.gatewayPassword } : {}) };
  }

  /** The stored row (null when never saved) and the record it holds, secrets opened. */
  private async read<T extends object>(kind: StoredRecord<T>, where: RecordKey, manager: EntityManager): Promise<{ entity: SettingsRow | null; record: T }> {
    const entity = (await manager.findOneBy(kind.entity, where)) as SettingsRow | null;
    return { entity, record: entity ? readRecord(kind.schema, entity, this.box, kind.defaults()) : kind.defaults() };
  }

  /** Merge the input into the stored record, check the whole, and save it whole or not at all. */
  private async update<K extends RecordKind>(kind: K, where: RecordKey, input: SettingsInput<RecordOf<K>>, editor: UserSettingsEditor = 'ADMIN'): Promise<Loaded<RecordOf<K>>> {
    const stored = RECORDS[kind] as unknown as StoredRecord<RecordOf<K>>;
    // Forgotten after the commit: a read in between must not put the old record back in the cache.
    const saved = await transaction(this.db, async (manager) => {
      const current = await this.read(stored, where, manager);
      const changes = typeof input === 'function' ? input(current.record) : input;
      const merged = mergeSettingsInput(stored.schema, current.record, changes);
      const problems = editor === 'SELF' ? adminOnlyProblems(stored.schema, current.record, merged) : [];
      // A kept secret is compared in the form it is used in (SMS: with the templates the simple fields
      // stand for filled in), before and after, so a row saved before the templates existed is no change.
      const asUsed = (r: RecordOf<K>) => (stored.normalize ? stored.normalize(r) : r);
      const checked = await this.checked(stored.schema, merged, current.record, problems, (invalid) =>
        keptSecretProblems(stored.schema, asUsed(current.record), asUsed(merged), changes, invalid),
      );
      const record = asUsed(checked);
      const entity = current.entity ?? (manager.create(stored.entity, where) as SettingsRow);
      writeRecord(stored.schema, record, entity, this.box);
      if (kind === 'user' && editor === 'ADMIN') {
        const row = entity as UserMailSettingsEntity;
        const before = current.record as unknown as UserMailSettings;
        const after = record as unknown as UserMailSettings;
        // The sender is confirmed when an admin writes it; an admin saving other fields confirms nothing.
        if (!current.entity || before.email !== after.email || before.senderName !== after.senderName) row.senderConfirmed = true;
      }
      entity.updatedAt = new Date();
      await manager.save(entity);
      return this.withWarnings(kind, record, where.companyId, manager);
    });
    this.forget(where.companyId);
    return saved;
  }

  /** Validate a merged record; every problem is reported at once, and nothing is saved on any. */
  private async checked<T extends { smtp: SmtpAccount }>(
    schema: z.ZodType<T>,
    merged: T,
    before: T,
    earlier: Problem[],
    secretProblems: (invalid: readonly Problem[]) => Problem[],
  ): Promise<T> {
    const result = validateRecord(schema, merged);
    const invalid = result.ok ? [] : result.problems;
    const problems: Problem[] = [...earlier, ...invalid, ...secretProblems(invalid)];
    if (this.options.hosted && hasSmtpHost(merged.smtp) && !merged.smtp.authEnabled) {
      problems.push(problem('smtp.authEnabled', 'AUTH_REQUIRED_HOSTED'));
    }
    if (result.ok && hasSmtpHost(merged.smtp) && merged.smtp.host.trim() !== before.smtp.host.trim()) problems.push(...(await this.hostProblems(merged.smtp.host)));
    if (problems.length > 0 || !result.ok) throw badInput(problems);
    return result.value;
  }

  /** A hosted installation refuses a new SMTP host at an internal address (sending checks again). */
  private async hostProblems(host: string): Promise<Problem[]> {
    const policy = this.options.hostPolicy;
    if (!policy?.refuseInternal) return [];
    try {
      const checked = await checkSmtpHost(host, policy);
      return checked.ok ? [] : [problem('smtp.host', 'HOST_NOT_ALLOWED', { value: host.trim() })];
    } catch {
      // A name that does not resolve now is the connection test's to report; sending checks it again.
      return [];
    }
  }
}

import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import type { z } from 'zod';
import {
  companyMessageSettingsSchema,
  companyMessageSettingsWarnings,
  defaultCompanyMessageSettings,
  defaultSmsSettings,
  defaultUserMailSettings,
  hasSmtpHost,
  microsoftOAuthSwitch,
  problem,
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
import { mergeSettingsInput } from './settings-input-merge';
import { readRecord, writeRecord } from './settings-record-mapper';
import type { LocalizedWarning } from './settings-presenter';
import { transaction } from '../../db/transaction';

export interface SettingsServiceOptions {
  /** The seed's "konesali" customers must authenticate to SMTP. */
  hosted: boolean;
}

/** How long another process's settings change may take to be seen here. */
export const SETTINGS_CACHE_MS = 2000;

export interface Loaded<T> {
  record: T;
  warnings: LocalizedWarning[];
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

  userSettings(companyId: string, userId: string, manager: EntityManager = this.db.manager): Promise<UserMailSettings> {
    return this.cached(`${companyId}:user:${userId}`, manager, async () => (await this.read(RECORDS.user, { companyId, userId }, manager)).record);
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

  updateUserSettings(companyId: string, userId: string, input: SettingsInput<UserMailSettings>): Promise<Loaded<UserMailSettings>> {
    return this.update('user', { companyId, userId }, input);
  }

  /**
   * The guided switch of one account from a password to Microsoft 365's OAuth2 preset, keeping its
   * other fields (settings-schema's microsoftOAuthSwitch), validated and saved whole like any update.
   */
  async switchToMicrosoftOAuth(companyId: string, kind: SmtpAccountKind, userId: string | null, details: MicrosoftOAuthDetails): Promise<void> {
    const input = (current: { smtp: SmtpAccount }) => ({ smtp: microsoftOAuthSwitch(current.smtp, details) });
    if (kind === 'COMPANY') await this.updateCompanySettings(companyId, input);
    else if (kind === 'SMS') await this.updateSmsSettings(companyId, input);
    else if (kind === 'USER' && userId) await this.updateUserSettings(companyId, userId, input);
    else throw forbidden();
  }

  /** The stored row (null when never saved) and the record it holds, secrets opened. */
  private async read<T extends object>(kind: StoredRecord<T>, where: RecordKey, manager: EntityManager): Promise<{ entity: SettingsRow | null; record: T }> {
    const entity = (await manager.findOneBy(kind.entity, where)) as SettingsRow | null;
    return { entity, record: entity ? readRecord(kind.schema, entity, this.box, kind.defaults()) : kind.defaults() };
  }

  /** Merge the input into the stored record, check the whole, and save it whole or not at all. */
  private async update<K extends RecordKind>(kind: K, where: RecordKey, input: SettingsInput<RecordOf<K>>): Promise<Loaded<RecordOf<K>>> {
    const stored = RECORDS[kind] as unknown as StoredRecord<RecordOf<K>>;
    // Forgotten after the commit: a read in between must not put the old record back in the cache.
    const saved = await transaction(this.db, async (manager) => {
      const current = await this.read(stored, where, manager);
      const changes = typeof input === 'function' ? input(current.record) : input;
      const checked = this.checked(stored.schema, mergeSettingsInput(stored.schema, current.record, changes));
      const record = stored.normalize ? stored.normalize(checked) : checked;
      const entity = current.entity ?? (manager.create(stored.entity, where) as SettingsRow);
      writeRecord(stored.schema, record, entity, this.box);
      entity.updatedAt = new Date();
      await manager.save(entity);
      return this.withWarnings(kind, record, where.companyId, manager);
    });
    this.forget(where.companyId);
    return saved;
  }

  /** Validate a merged record; every problem is reported at once, and nothing is saved on any. */
  private checked<T extends { smtp: SmtpAccount }>(schema: z.ZodType<T>, merged: T): T {
    const result = validateRecord(schema, merged);
    const problems: Problem[] = result.ok ? [] : [...result.problems];
    if (this.options.hosted && hasSmtpHost(merged.smtp) && !merged.smtp.authEnabled) {
      problems.push(problem('smtp.authEnabled', 'AUTH_REQUIRED_HOSTED'));
    }
    if (problems.length > 0 || !result.ok) throw badInput(problems);
    return result.value;
  }
}

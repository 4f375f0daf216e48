import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  companyMessageSettingsSchema,
  companyMessageSettingsWarnings,
  defaultCompanyMessageSettings,
  defaultSmsSettings,
  defaultUserMailSettings,
  hasSmtpHost,
  problem,
  smsSettingsSchema,
  smsSettingsWarnings,
  userMailSettingsSchema,
  userMailSettingsWarnings,
  validateRecord,
  type CompanyMessageSettings,
  type Problem,
  type SmsSettings,
  type SmtpAccount,
  type UserMailSettings,
} from '@maestro/settings-schema';
import { ShortCache } from '../../common/short-cache';
import { badInput } from '../../common/user-facing-error';
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
 * Company, SMS and user mail settings: read with secrets opened (for sending), saved whole or not at
 * all after every problem has been collected.
 */
export class SettingsService {
  /**
   * Settings are read for every draft and every message sent: they are kept for a moment (each
   * caller gets its own copy). A change made in this process counts at once; one made by another
   * process within SETTINGS_CACHE_MS.
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
    return this.cached(`${companyId}:company`, manager, async () => {
      const entity = await manager.findOneBy(CompanyMessageSettingsEntity, { companyId });
      return entity ? readRecord(companyMessageSettingsSchema, entity, this.box, defaultCompanyMessageSettings()) : defaultCompanyMessageSettings();
    });
  }

  smsSettings(companyId: string, manager: EntityManager = this.db.manager): Promise<SmsSettings> {
    return this.cached(`${companyId}:sms`, manager, async () => {
      const entity = await manager.findOneBy(SmsSettingsEntity, { companyId });
      return entity ? readRecord(smsSettingsSchema, entity, this.box, defaultSmsSettings()) : defaultSmsSettings();
    });
  }

  userSettings(companyId: string, userId: string, manager: EntityManager = this.db.manager): Promise<UserMailSettings> {
    return this.cached(`${companyId}:user:${userId}`, manager, async () => {
      const entity = await manager.findOneBy(UserMailSettingsEntity, { companyId, userId });
      return entity ? readRecord(userMailSettingsSchema, entity, this.box, defaultUserMailSettings()) : defaultUserMailSettings();
    });
  }

  withWarnings<T extends CompanyMessageSettings | SmsSettings | UserMailSettings>(kind: 'company' | 'sms' | 'user', record: T): Loaded<T> {
    const warnings =
      kind === 'company'
        ? companyMessageSettingsWarnings(record as CompanyMessageSettings)
        : kind === 'sms'
          ? smsSettingsWarnings(record as SmsSettings)
          : userMailSettingsWarnings(record as UserMailSettings);
    return { record, warnings };
  }

  async updateCompanySettings(companyId: string, input: object): Promise<Loaded<CompanyMessageSettings>> {
    // Forgotten after the commit: a read in between must not put the old record back in the cache.
    const saved = await transaction(this.db, async (manager) => {
      const stored = await this.companySettings(companyId, manager);
      const record = this.checked(companyMessageSettingsSchema, mergeSettingsInput(companyMessageSettingsSchema, stored, input));
      const entity = (await manager.findOneBy(CompanyMessageSettingsEntity, { companyId })) ?? manager.create(CompanyMessageSettingsEntity, { companyId });
      writeRecord(companyMessageSettingsSchema, record, entity, this.box);
      entity.updatedAt = new Date();
      await manager.save(entity);
      return this.withWarnings('company', record);
    });
    this.forget(companyId);
    return saved;
  }

  async updateSmsSettings(companyId: string, input: object): Promise<Loaded<SmsSettings>> {
    // Forgotten after the commit: a read in between must not put the old record back in the cache.
    const saved = await transaction(this.db, async (manager) => {
      const stored = await this.smsSettings(companyId, manager);
      const record = this.checked(smsSettingsSchema, mergeSettingsInput(smsSettingsSchema, stored, input));
      const entity = (await manager.findOneBy(SmsSettingsEntity, { companyId })) ?? manager.create(SmsSettingsEntity, { companyId });
      writeRecord(smsSettingsSchema, record, entity, this.box);
      entity.updatedAt = new Date();
      await manager.save(entity);
      return this.withWarnings('sms', record);
    });
    this.forget(companyId);
    return saved;
  }

  async updateUserSettings(companyId: string, userId: string, input: object): Promise<Loaded<UserMailSettings>> {
    // Forgotten after the commit: a read in between must not put the old record back in the cache.
    const saved = await transaction(this.db, async (manager) => {
      const stored = await this.userSettings(companyId, userId, manager);
      const record = this.checked(userMailSettingsSchema, mergeSettingsInput(userMailSettingsSchema, stored, input));
      const entity = (await manager.findOneBy(UserMailSettingsEntity, { companyId, userId })) ?? manager.create(UserMailSettingsEntity, { companyId, userId });
      writeRecord(userMailSettingsSchema, record, entity, this.box);
      entity.updatedAt = new Date();
      await manager.save(entity);
      return this.withWarnings('user', record);
    });
    this.forget(companyId);
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

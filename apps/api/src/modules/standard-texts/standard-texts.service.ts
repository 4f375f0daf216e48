import type { DataSource, FindOptionsWhere } from 'typeorm';
import { validateStandardText, type Language, type MessageSource, type StandardText } from '@maestro/settings-schema';
import { ShortCache } from '../../common/short-cache';
import { badInput, notFound } from '../../common/user-facing-error';
import { SETTINGS_CACHE_MS } from '../settings/settings.service';
import { StandardTextEntity } from './standard-text.entity';
import { timeOrderedId } from '../../common/time-ordered-id';

const TEXT = { fi: 'Vakiotekstiä', en: 'The standard text' };

/** Vakiotekstit: one row per company, source, language and name. */
export class StandardTextsService {
  /** Every draft looks up its program's texts; an admin's change here counts at once. */
  private readonly cache = new ShortCache(SETTINGS_CACHE_MS);

  constructor(private readonly db: DataSource) {}

  list(companyId: string, filter: { source?: MessageSource; language?: Language }): Promise<StandardTextEntity[]> {
    return this.cache.get(`${companyId}:${filter.source ?? '*'}:${filter.language ?? '*'}`, () => {
      const where: FindOptionsWhere<StandardTextEntity> = { companyId };
      if (filter.source) where.source = filter.source;
      if (filter.language) where.language = filter.language;
      return this.db.getRepository(StandardTextEntity).find({ where, order: { source: 'ASC', language: 'ASC', name: 'ASC' } });
    });
  }

  async get(companyId: string, id: string): Promise<StandardTextEntity> {
    const entity = await this.db.getRepository(StandardTextEntity).findOneBy({ companyId, id });
    if (!entity) throw notFound(TEXT);
    return entity;
  }

  /** Insert, or update the text with the same source, language and name (or the given id). */
  async upsert(companyId: string, input: StandardText & { id?: string | null }): Promise<StandardTextEntity> {
    const result = validateStandardText({ source: input.source, language: input.language, name: input.name, subject: input.subject, body: input.body });
    if (!result.ok) throw badInput(result.problems);
    const text = result.value;
    return this.db.transaction(async (manager) => {
      const existing = input.id
        ? await manager.findOneBy(StandardTextEntity, { companyId, id: input.id })
        : await manager.findOneBy(StandardTextEntity, { companyId, source: text.source, language: text.language, name: text.name });
      if (input.id && !existing) throw notFound(TEXT);
      const entity = existing ?? manager.create(StandardTextEntity, { id: timeOrderedId(), companyId });
      Object.assign(entity, text, { updatedAt: new Date() });
      return manager.save(entity);
    }).finally(() => this.cache.forget(`${companyId}:`));
  }

  async delete(companyId: string, id: string): Promise<boolean> {
    const result = await this.db.getRepository(StandardTextEntity).delete({ companyId, id });
    this.cache.forget(`${companyId}:`);
    if (!result.affected) throw notFound(TEXT);
    return true;
  }
}

import type { DataSource, EntityManager } from 'typeorm';
import { resolveSendPolicy } from '@maestro/mail-core';
import { MESSAGE_SOURCES, validateModuleSendPolicy, type MessageSource, type ModuleSendPolicy } from '@maestro/settings-schema';
import { ShortCache } from '../../common/short-cache';
import { badInput } from '../../common/user-facing-error';
import { SETTINGS_CACHE_MS } from '../settings/settings.service';
import { ModuleSendPolicyEntity } from './module-send-policy.entity';

export interface SendPolicyView extends ModuleSendPolicy {
  /** The stored policy said "send later"; the migration made it ASK and the admin should confirm it. */
  migratedFromSendLater: boolean;
}

/** The program's policy as stored, or its defaults: mail-core's resolveSendPolicy is the one fallback. */
function toView(source: MessageSource, entity: ModuleSendPolicyEntity | null): SendPolicyView {
  return { source, ...resolveSendPolicy(source, entity), migratedFromSendLater: entity?.migratedFromSendLater ?? false };
}

export class SendPoliciesService {
  /** Every draft reads its program's policy; an admin's change here counts at once. */
  private readonly cache = new ShortCache(SETTINGS_CACHE_MS);

  constructor(private readonly db: DataSource) {}

  /** Every source's policy: the stored one, or the default for a source nobody has set. */
  async list(companyId: string): Promise<SendPolicyView[]> {
    const stored = await this.db.getRepository(ModuleSendPolicyEntity).findBy({ companyId });
    const bySource = new Map(stored.map((e) => [e.source, e]));
    return MESSAGE_SOURCES.map((source) => toView(source, bySource.get(source) ?? null));
  }

  async get(companyId: string, source: MessageSource, manager: EntityManager = this.db.manager): Promise<SendPolicyView> {
    const load = async () => toView(source, await manager.findOneBy(ModuleSendPolicyEntity, { companyId, source }));
    return manager === this.db.manager ? this.cache.get(`${companyId}:${source}`, load) : load();
  }

  async update(companyId: string, source: MessageSource, input: { defaultOutput?: string; sendMode?: string }): Promise<SendPolicyView> {
    return this.db.transaction(async (manager) => {
      const current = await this.get(companyId, source, manager);
      const merged = { source, defaultOutput: input.defaultOutput ?? current.defaultOutput, sendMode: input.sendMode ?? current.sendMode };
      const result = validateModuleSendPolicy(merged);
      if (!result.ok) throw badInput(result.problems);
      const entity = manager.create(ModuleSendPolicyEntity, { companyId, source, defaultOutput: result.value.defaultOutput, sendMode: result.value.sendMode, migratedFromSendLater: false });
      await manager.save(entity);
      return toView(source, entity);
    }).finally(() => this.cache.forget(`${companyId}:`));
  }
}

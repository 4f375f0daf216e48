import { IsNull, type DataSource } from 'typeorm';
import { problem, type Problem } from '@maestro/settings-schema';
import { badInput, notFound } from '../../common/user-facing-error';
import { UserEntity } from '../users/user.entity';
import { ServiceKeyEntity } from './service-key.entity';
import { newServiceKey } from './service-key-secret';
import { timeOrderedId } from '../../common/time-ordered-id';
import { SERVICE_KEY, SERVICE_KEY_TEXTS } from './service-keys.errors';

export interface NewServiceKey {
  name: string;
  module: string;
  defaultUserId?: string | null;
}

export class ServiceKeysService {
  constructor(
    private readonly db: DataSource,
    /** Told after a key is revoked, so cached callers are dropped. */
    private readonly onChange: () => void = () => undefined,
  ) {}

  list(companyId: string): Promise<ServiceKeyEntity[]> {
    return this.db.getRepository(ServiceKeyEntity).find({ where: { companyId }, order: { createdAt: 'DESC' } });
  }

  /** Creates a key; the returned `key` is the only time it is ever shown. */
  async create(companyId: string, input: NewServiceKey): Promise<{ entity: ServiceKeyEntity; key: string }> {
    const problems: Problem[] = [];
    if (!input.name.trim() || input.name.length > 200) problems.push(problem('name', 'REQUIRED'));
    if (!/^[a-z][a-z0-9_-]{1,49}$/.test(input.module)) {
      problems.push({ ...problem('module', 'INVALID_VALUE'), message: SERVICE_KEY_TEXTS.moduleName() });
    }
    if (input.defaultUserId && !(await this.db.getRepository(UserEntity).existsBy({ id: input.defaultUserId, companyId }))) {
      problems.push({ ...problem('defaultUserId', 'INVALID_VALUE'), message: SERVICE_KEY_TEXTS.noSuchUser() });
    }
    if (problems.length) throw badInput(problems);
    const id = timeOrderedId();
    const { key, secretHash } = newServiceKey(id);
    const repo = this.db.getRepository(ServiceKeyEntity);
    const entity = repo.create({ id, companyId, name: input.name.trim(), module: input.module, defaultUserId: input.defaultUserId ?? null, secretHash, revokedAt: null, lastUsedAt: null, createdAt: new Date() });
    await repo.insert(entity);
    return { entity, key };
  }

  async revoke(companyId: string, id: string): Promise<ServiceKeyEntity> {
    const repo = this.db.getRepository(ServiceKeyEntity);
    const entity = await repo.findOneBy({ companyId, id });
    if (!entity) throw notFound(SERVICE_KEY);
    if (!entity.revokedAt) {
      await repo.update({ companyId, id, revokedAt: IsNull() }, { revokedAt: new Date() });
      this.onChange();
      return (await repo.findOneBy({ companyId, id })) as ServiceKeyEntity;
    }
    return entity;
  }
}

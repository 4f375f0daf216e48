import type { DataSource } from 'typeorm';
import { CompanyEntity } from './company.entity';
import { timeOrderedId } from '../../common/time-ordered-id';

/** Companies are created by the operator (CLI, demo seed), never through the public API. */
export class CompaniesService {
  constructor(private readonly db: DataSource) {}

  async create(name: string): Promise<CompanyEntity> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200) throw new Error('A company name is 1–200 characters.');
    const repo = this.db.getRepository(CompanyEntity);
    if (await repo.existsBy({ name: trimmed })) throw new Error(`A company named "${trimmed}" already exists.`);
    const company = repo.create({ id: timeOrderedId(), name: trimmed, createdAt: new Date() });
    await repo.insert(company);
    return company;
  }

  findByIdOrName(idOrName: string): Promise<CompanyEntity | null> {
    return this.db.getRepository(CompanyEntity).findOne({ where: [{ id: idOrName }, { name: idOrName }] });
  }

  get(id: string): Promise<CompanyEntity | null> {
    return this.db.getRepository(CompanyEntity).findOneBy({ id });
  }
}

import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class SplitGroup1764000000003 implements MigrationInterface {
  name = 'SplitGroup1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('outbound_message', new TableColumn({ name: 'splitGroupId', type: 'varchar', length: '36', isNullable: true }));
    await q.createIndex('outbound_message', new TableIndex({ columnNames: ['splitGroupId'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    const table = await q.getTable('outbound_message');
    const index = table?.indices.find((i) => i.columnNames.length === 1 && i.columnNames[0] === 'splitGroupId');
    if (index) await q.dropIndex('outbound_message', index);
    await q.dropColumn('outbound_message', 'splitGroupId');
  }
}

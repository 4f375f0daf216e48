import type { TableColumnOptions } from 'typeorm';

/** Column shorthands shared by the migrations; types chosen to mean the same on SQLite and MySQL. */
export const col = {
  id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
  ref: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable }),
  varchar: (name: string, length: number, dflt?: string): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    ...(dflt !== undefined ? { default: `'${dflt}'` } : {}),
  }),
  text: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  int: (name: string, dflt?: number, nullable = false): TableColumnOptions => ({
    name,
    type: 'integer',
    isNullable: nullable,
    ...(dflt !== undefined ? { default: dflt } : {}),
  }),
  bool: (name: string, dflt: boolean): TableColumnOptions => ({ name, type: 'boolean', default: dflt ? 1 : 0 }),
  datetime: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable }),
  createdAt: (name = 'createdAt'): TableColumnOptions => ({ name, type: 'datetime', precision: 3 }),
};

/** The embedded SmtpAccountColumns, as TypeORM names them (`smtpHost`, `smtpPort`, ...). */
export function smtpAccountColumns(prefix: string): TableColumnOptions[] {
  // Same rule as MaestroNamingStrategy.
  const p = (name: string) => prefix + name.charAt(0).toUpperCase() + name.slice(1);
  return [
    col.varchar(p('host'), 253, ''),
    col.bool(p('authEnabled'), true),
    col.int(p('port'), 587),
    col.varchar(p('encryption'), 8, 'TLS'),
    col.varchar(p('username'), 320, ''),
    col.text(p('passwordSealed')),
    col.varchar(p('authMethod'), 20, 'PASSWORD'),
    col.varchar(p('oauthTenantId'), 200, ''),
    col.varchar(p('oauthClientId'), 200, ''),
    col.text(p('oauthClientSecretSealed')),
    col.text(p('oauthServiceAccountKeySealed')),
    col.varchar(p('oauthUser'), 320, ''),
    col.text(p('caCertificate')),
    col.int(p('messagesPerMinute'), undefined, true),
    col.int(p('recipientsPerMessage'), undefined, true),
    col.int(p('recipientsPerDay'), undefined, true),
    col.varchar(p('recipientLimitAction'), 8, 'SPLIT'),
  ];
}

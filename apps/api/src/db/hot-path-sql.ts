import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { QueryResult } from 'typeorm/query-runner/QueryResult';

/**
 * Statements the dispatcher runs for every message (its claim, its outcome), written once per data
 * source and kept: TypeORM's query builders spent more CPU composing them than SQLite spent running
 * them. Parameters are named (`:now`, `:...ids`) and bound by the driver as the builders bind them,
 * so values are written and read exactly as elsewhere.
 */
const statements = new WeakMap<DataSource, Map<string, string>>();

/** The statement kept under `key` for this data source, written by `write` the first time. */
export function statementOf(db: DataSource, key: string, write: () => string): string {
  let known = statements.get(db);
  if (!known) {
    known = new Map();
    statements.set(db, known);
  }
  let sql = known.get(key);
  if (sql === undefined) {
    sql = write();
    known.set(key, sql);
  }
  return sql;
}

/** Runs one statement with named parameters; the driver's whole answer (rows, rows matched). */
async function run(manager: EntityManager, sql: string, parameters: Record<string, unknown>): Promise<QueryResult> {
  const db = manager.connection;
  const [text, values] = db.driver.escapeQueryWithParameters(sql, parameters);
  const runner = manager.queryRunner ?? db.createQueryRunner();
  try {
    return (await runner.query(text, values, true)) as QueryResult;
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/** Runs a write; how many rows it matched (SQLite's `changes`; MariaDB is connected with FOUND_ROWS). */
export async function rowsMatched(manager: EntityManager, sql: string, parameters: Record<string, unknown>): Promise<number> {
  return (await run(manager, sql, parameters)).affected ?? 0;
}

/** Runs a read; its rows as the driver returns them. */
export async function rowsOf<T>(manager: EntityManager, sql: string, parameters: Record<string, unknown>): Promise<T[]> {
  return (await run(manager, sql, parameters)).records as T[];
}

/** A table's name and its columns by property, quoted for this database. */
export interface TableSql {
  table: string;
  /** The quoted column of a property; throws for a property the entity does not have. */
  column(property: string): string;
  /** Every column, in the entity's order (for reading whole rows). */
  columns: ColumnMetadata[];
  metadata(property: string): ColumnMetadata;
}

const tables = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, TableSql>>();

/** The table of an entity, as this data source writes it (kept: it is asked for on every statement). */
export function tableSql(db: DataSource, target: EntityTarget<ObjectLiteral>): TableSql {
  let known = tables.get(db);
  if (!known) {
    known = new Map();
    tables.set(db, known);
  }
  let table = known.get(target);
  if (!table) {
    table = describeTable(db, target);
    known.set(target, table);
  }
  return table;
}

function describeTable(db: DataSource, target: EntityTarget<ObjectLiteral>): TableSql {
  const entity = db.getMetadata(target);
  const metadata = (property: string) => {
    const found = entity.findColumnWithPropertyName(property);
    if (!found) throw new Error(`${entity.tableName} has no column ${property}`);
    return found;
  };
  return {
    table: db.driver.escape(entity.tableName),
    column: (property) => db.driver.escape(metadata(property).databaseName),
    columns: entity.columns,
    metadata,
  };
}

/**
 * `a = :set_a, b = :set_b` for the properties `changes` gives a value (undefined ones are left out, as
 * the update builder leaves them), and those values in the driver's stored form (dates, JSON, booleans).
 * The SQL depends only on which properties are set: keep it under a key made of them (setKey).
 */
export function setClause(table: TableSql, changes: Record<string, unknown>): string {
  return setProperties(changes)
    .map((property) => `${table.column(property)} = :set_${property}`)
    .join(', ');
}

export function setKey(changes: Record<string, unknown>): string {
  return setProperties(changes).join(',');
}

const setProperties = (changes: Record<string, unknown>) => Object.keys(changes).filter((property) => changes[property] !== undefined);

export function setParameters(db: DataSource, table: TableSql, changes: Record<string, unknown>): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const [property, value] of Object.entries(changes)) {
    if (value !== undefined) parameters[`set_${property}`] = db.driver.preparePersistentValue(value, table.metadata(property));
  }
  return parameters;
}

/** `t.a AS a, t.b AS b, …`: every column of the table, for reading rows whole (entitiesFrom). */
export function selectAll(db: DataSource, table: TableSql, alias: string): string {
  return table.columns.map((c) => `${alias}.${db.driver.escape(c.databaseName)} AS ${db.driver.escape(c.databaseName)}`).join(', ');
}

/** Entities from rows read with selectAll: each column converted as TypeORM's own reads convert it. */
export function entitiesFrom<T>(db: DataSource, table: TableSql, create: () => T, rows: Array<Record<string, unknown>>): T[] {
  return rows.map((row) => {
    const entity = create() as Record<string, unknown>;
    for (const column of table.columns) entity[column.propertyName] = db.driver.prepareHydratedValue(row[column.databaseName], column);
    return entity as T;
  });
}

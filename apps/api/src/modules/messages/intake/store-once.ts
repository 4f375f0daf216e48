import { createHash } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { QueryResult } from 'typeorm/query-runner/QueryResult';
import type { Caller } from '../../../common/caller';
import { transaction } from '../../../db/transaction';
import { idempotencyConflict } from '../messages.errors';
import { OutboundMessageEntity } from '../outbound-message.entity';
import { IdempotencyRecordEntity } from './idempotency-record.entity';

export function hashPayload(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

/**
 * An idempotency key is the caller's own: stored under who called (a user, or a service key) so that
 * another user of the company who sends the same key gets a message of their own, never the first
 * caller's message back. Hashed to fit the column whatever the key's length.
 */
export function callerIdempotencyKey(caller: Caller, key: string): string {
  const who = caller.kind === 'USER' ? `u:${caller.userId}` : `k:${caller.serviceKeyId}`;
  return `${who}:${createHash('sha256').update(key).digest('hex')}`;
}

/** The outbox's columns and its INSERT statements by row count, per database (tests open several). */
const insertStatements = new WeakMap<DataSource, { columns: ColumnMetadata[]; sql: Map<number, string>; guarded: string }>();

function statementsFor(db: DataSource) {
  let statements = insertStatements.get(db);
  if (!statements) {
    const columns = db.getMetadata(OutboundMessageEntity).columns.filter((c) => c.isInsert);
    const names = columns.map((c) => db.driver.escape(c.databaseName)).join(', ');
    const into = `INSERT INTO ${db.driver.escape(db.getMetadata(OutboundMessageEntity).tableName)} (${names})`;
    const placeholders = columns.map(() => '?').join(', ');
    // SQLite selects without a table; MySQL/MariaDB want one before a WHERE.
    const guarded = `${into} SELECT ${placeholders}${db.options.type === 'better-sqlite3' ? '' : ' FROM DUAL'} WHERE `;
    statements = { columns, sql: new Map([[0, into]]), guarded };
    insertStatements.set(db, statements);
  }
  return statements;
}

/** The row's values in column order, through the driver's own conversion (dates, JSON, booleans), as the builder's are. */
function valuesOf(db: DataSource, columns: ColumnMetadata[], entity: OutboundMessageEntity): unknown[] {
  return columns.map((column) => {
    const value: unknown = column.getEntityValue(entity);
    // The builder would write DEFAULT; an outbox row always says what it holds.
    if (value === undefined) throw new Error(`outbound_message.${column.propertyName} has no value`);
    return db.driver.preparePersistentValue(value, column) as unknown;
  });
}

/**
 * Insert without reading the rows back: every column's value is already set in the entity. Every
 * accepted message passes here, so the statement is written once per row count and kept: TypeORM's
 * insert builder spent more CPU composing it than SQLite spent running it.
 */
export async function insertMessages(manager: EntityManager, entities: OutboundMessageEntity[]): Promise<void> {
  if (entities.length === 0) return;
  const db = manager.connection;
  const statements = statementsFor(db);
  let sql = statements.sql.get(entities.length);
  if (!sql) {
    const row = `(${statements.columns.map(() => '?').join(', ')})`;
    sql = `${statements.sql.get(0) as string} VALUES ${entities.map(() => row).join(', ')}`;
    if (entities.length <= 100) statements.sql.set(entities.length, sql);
  }
  await manager.query(sql, entities.flatMap((entity) => valuesOf(db, statements.columns, entity)));
}

/** A condition in the database's SQL, with its parameters: `NOT EXISTS (...)`. */
export interface SqlCondition {
  sql: string;
  parameters: unknown[];
}

/**
 * One row, stored only when `condition` holds, in one statement: nothing can happen between the check
 * and the write, and the check costs no statement of its own. True when the row was stored.
 */
export async function insertMessageIf(manager: EntityManager, entity: OutboundMessageEntity, condition: SqlCondition): Promise<boolean> {
  const db = manager.connection;
  const statements = statementsFor(db);
  const runner = manager.queryRunner ?? db.createQueryRunner();
  try {
    const result = (await runner.query(statements.guarded + condition.sql, [...valuesOf(db, statements.columns, entity), ...condition.parameters], true)) as QueryResult;
    return (result.affected ?? 0) > 0;
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

export interface StoreOnceRequest {
  caller: Caller;
  key: string | null;
  /** What the key stands for; read only when there is a key. */
  payloadHash: string;
  /** One INSERT is atomic on its own; more statements (parts, attachments, a key) share a transaction. */
  singleStatement: boolean;
  insert: (manager: EntityManager) => Promise<OutboundMessageEntity[]>;
}

/**
 * What the caller stored under the key before: the first answer's messages, or null when the key is new
 * (to this caller: keys are per caller, see callerIdempotencyKey). Another payload under the same key
 * is refused.
 */
export async function storedBefore(db: DataSource, caller: Caller, key: string, payloadHash: string): Promise<OutboundMessageEntity[] | null> {
  const record = await db.getRepository(IdempotencyRecordEntity).findOneBy({ companyId: caller.companyId, idempotencyKey: callerIdempotencyKey(caller, key) });
  if (!record) return null;
  if (record.payloadHash !== payloadHash) throw idempotencyConflict();
  const found = await db.getRepository(OutboundMessageEntity).findBy({ companyId: caller.companyId, id: In(record.messageIds) });
  const byId = new Map(found.map((m) => [m.id, m]));
  return record.messageIds.map((id) => byId.get(id)).filter((m): m is OutboundMessageEntity => !!m);
}

/**
 * Store once per idempotency key: a repeat with the same payload gets the first answer; another
 * payload under the same key is refused. Two racing requests meet at the key's primary key.
 */
export async function storeOnce(db: DataSource, request: StoreOnceRequest): Promise<OutboundMessageEntity[]> {
  const { caller, payloadHash } = request;
  const key = request.key ? callerIdempotencyKey(caller, request.key) : null;
  const repeat = () => storedBefore(db, caller, request.key as string, payloadHash);
  if (key) {
    const earlier = await repeat();
    if (earlier) return earlier;
  }
  if (!key && request.singleStatement) return request.insert(db.manager);
  try {
    return await transaction(db, async (manager) => {
      const entities = await request.insert(manager);
      if (key) {
        await manager.insert(IdempotencyRecordEntity, { companyId: caller.companyId, idempotencyKey: key, payloadHash, messageIds: entities.map((e) => e.id), createdAt: new Date() });
      }
      return entities;
    });
  } catch (err) {
    if (key) {
      const earlier = await repeat();
      if (earlier) return earlier;
    }
    throw err;
  }
}

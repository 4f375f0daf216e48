import type { LocalizedText } from '@maestro/settings-schema';
import { UserFacingError } from '../common/user-facing-error';

/** How long a client should wait before trying again (Retry-After), in seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** SQLite result codes that mean "not now": locked by another process, the disk refusing writes, a full disk. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|READONLY|FULL|CANTOPEN|PROTOCOL|NOLFS)/;

/** mysql2 / MySQL / MariaDB codes of a server that is gone, restarting, read-only or out of space. */
const MYSQL_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_QUERY_INTERRUPTED',
  'ER_CON_COUNT_ERROR',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'ER_OPTION_PREVENTS_STATEMENT',
  'ER_READ_ONLY_MODE',
  'ER_RECORD_FILE_FULL',
  'ER_DISK_FULL',
  'ER_NET_READ_ERROR',
  'ER_NET_READ_INTERRUPTED',
  'ER_NET_ERROR_ON_WRITE',
  'ER_NET_WRITE_INTERRUPTED',
  'ER_CLIENT_INTERACTION_TIMEOUT',
  'ER_TOO_MANY_USER_CONNECTIONS',
]);

/**
 * A transaction whose COMMIT did not happen (the connection was found still inside it afterwards):
 * the work is not stored, and the caller must not be told it is.
 */
export class TransactionNotCommittedError extends Error {
  readonly code = 'TRANSACTION_NOT_COMMITTED';
  constructor() {
    super('The transaction did not commit; it was rolled back.');
  }
}

/** The database could not be reached or written, and trying again later may work. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(readonly reason: string) {
    super(`The database is unavailable: ${reason}`);
  }
}

function codesOf(err: unknown): { code: string; message: string; fatal: boolean } {
  const e = err as { code?: unknown; message?: unknown; fatal?: unknown; driverError?: { code?: unknown; fatal?: unknown; message?: unknown } } | null;
  const inner = e?.driverError ?? e;
  return {
    code: String(inner?.code ?? e?.code ?? ''),
    message: String(inner?.message ?? e?.message ?? ''),
    fatal: inner?.fatal === true || e?.fatal === true,
  };
}

/**
 * True when an error means the database is (for now) unavailable rather than that the request is wrong:
 * the request is refused with DATABASE_UNAVAILABLE and may be sent again.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError || err instanceof TransactionNotCommittedError) return true;
  const { code, message, fatal } = codesOf(err);
  if (SQLITE_UNAVAILABLE.test(code) || MYSQL_UNAVAILABLE.has(code)) return true;
  // mysql2 marks errors that end the connection as fatal; a closed connection or pool says so in words.
  if (fatal) return true;
  return /connection is in closed state|database connection is not open|Pool is closed|Connection lost/i.test(message);
}

/** True for SQLITE_BUSY*: another connection holds the write lock; waiting may help. */
export function isSqliteBusy(err: unknown): boolean {
  return /^SQLITE_BUSY/.test(codesOf(err).code);
}

/** A short name for logs: the driver's code, never the statement or its values. */
export function databaseErrorCode(err: unknown): string {
  return codesOf(err).code || (err instanceof Error ? err.name : 'unknown');
}

export const DATABASE_TEXTS = {
  unavailable: (): LocalizedText => ({
    fi: 'Tietokanta ei ole juuri nyt käytettävissä, eikä mitään tallennettu. Yritä hetken päästä uudelleen.',
    en: 'The database is not available right now, and nothing was saved. Try again in a moment.',
  }),
};

/** The retryable refusal a client gets (GraphQL `DATABASE_UNAVAILABLE`; HTTP 503 on the REST routes). */
export function databaseUnavailable(): UserFacingError {
  return new UserFacingError('DATABASE_UNAVAILABLE', DATABASE_TEXTS.unavailable(), { extra: { retryable: true, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS } });
}

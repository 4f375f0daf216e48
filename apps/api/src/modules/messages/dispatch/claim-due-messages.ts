import type { DataSource } from 'typeorm';
import { DEFAULT_MAX_CONNECTIONS } from '@maestro/settings-schema';
import { transaction } from '../../../db/transaction';
import { entitiesFrom, rowsMatched, rowsOf, selectAll, statementOf, tableSql, type TableSql } from '../../../db/hot-path-sql';
import { MESSAGE_TRANSITIONS } from '../lifecycle/transitions';
import { OutboundMessageEntity } from '../outbound-message.entity';
import { SendingAccountEntity } from './sending-account.entity';

export interface ClaimRequest {
  workerId: string;
  now: Date;
  leaseMs: number;
  limit: number;
  /** How many more of this worker's slots a company may take (its companyShare less what it holds); unlimited when absent. */
  roomOf?: (companyId: string) => number;
  /** Whether an account's sends return quickly (`accountId` key): such an account is claimed into in batches (claimBatch). */
  quickSends?: (accountId: string) => boolean;
  /**
   * How many of its sends the worker has seen finish so far, read just before each statement that
   * counts sends in flight. A capBound entry carries the reading (`countedAt`): a send that finished
   * before it was counted as finished by the statement already.
   */
  finishedSends?: () => number;
}

/** An account that waits only for its own cap: its free slots as a statement counted them, and when. */
export interface CapBound {
  free: number;
  cap: number;
  /** ClaimRequest.finishedSends just before the count. */
  countedAt: number;
}

/**
 * How many of a busy account's slots must be free before it is claimed into again. A claim round costs
 * the same SQL for one message as for five, so an account whose sends return quickly waits until half
 * its cap is free and takes them together: claiming each freed slot alone was most of the dispatcher's
 * statements. An account whose sends are slow gets every freed slot at once: there an idle slot costs
 * more throughput than a claim round costs CPU.
 */
export function claimBatch(cap: number, quickSends: boolean): number {
  return quickSends ? Math.ceil(cap / 2) : 1;
}

/**
 * The slots of one worker a single company may hold at once: all but a quarter, which stays for the
 * other companies. One company's accounts are each within their cap, but seven dead accounts at 3 each
 * would hold all 20 slots until their SMTP timeouts; the reserve keeps another company's message moving.
 */
export function companyShare(concurrency: number): number {
  return Math.max(1, concurrency - Math.ceil(concurrency / 4));
}

/**
 * What is due: the statuses the table lets a dispatcher claim, due at their next attempt (queued first,
 * then retries), then messages whose worker died mid-send, due when their lease ran out. The scan and
 * the claim both read it from here. Each status is claimed on its own, so that each read walks one
 * account's range of the (status, companyId, accountKey, nextAttemptAt) index in due order: a single OR
 * over all of them made MariaDB sort — and lock — the whole backlog. The statuses are the table's,
 * written into the SQL as literals (they are constants, not input), so each read is one plain range.
 */
interface DueRule {
  status: string;
  instant: 'nextAttemptAt' | 'lockedUntil';
  due: '<=' | '<';
}
const DUE_RULE: readonly DueRule[] = [
  ...MESSAGE_TRANSITIONS.claim.from.map((status) => ({ status, instant: 'nextAttemptAt' as const, due: '<=' as const })),
  ...MESSAGE_TRANSITIONS.takeOver.from.map((status) => ({ status, instant: 'lockedUntil' as const, due: '<' as const })),
];

/** The due rule's statuses read by one instant: queued (nextAttemptAt) or stale (lockedUntil). */
const dueBy = (instant: DueRule['instant']) => DUE_RULE.filter((rule) => rule.instant === instant);

/** `status IN (…) AND instant <= :now` for the statuses due by `instant`, on the rows of `alias`. */
function dueWhere(db: DataSource, alias: string, instant: DueRule['instant'], statuses = dueBy(instant)): string {
  const q = (name: string) => db.driver.escape(name);
  const list = statuses.map((rule) => `'${rule.status}'`).join(', ');
  const due = statuses[0]?.due ?? '<';
  return `${alias}.${q('status')} IN (${list}) AND ${alias}.${q(instant)} ${due} :now`;
}

/** Rows stored before messages named their account count as one account of their company. */
const NO_KEY = '';

/** One sending account with due messages, as the round-robin sees it. */
export interface DueAccount {
  companyId: string;
  accountKey: string;
  /**
   * Its due messages: a count, or Infinity where the scan saw only that there are some. The scan does
   * not count queued messages: a count reads every one of them, on every round.
   */
  due: number;
  /** Its cap (capOf) and its SENDING rows with a live lease, across all workers. */
  cap: number;
  busy: number;
  /** Slots left under its cap across all workers (cap minus busy). */
  free: number;
  lastClaimedAt: Date | null;
  /** Its sending_account row exists already (no INSERT needed before locking it). */
  known: boolean;
  /** Its row said connection failures or a park when scanned (Claim.troubled). */
  troubled: boolean;
}

/** What one claim took, and which of the accounts it took from had connection trouble on record then. */
export interface Claim {
  messages: OutboundMessageEntity[];
  /**
   * `companyId/accountKey` of the accounts whose row said connection failures or a park when the claim scanned it:
   * only a send through one of these has a count to clear when it reaches the server.
   */
  troubled: ReadonlySet<string>;
  /**
   * The accounts (`accountId` key) whose due messages wait only for their own cap after this claim:
   * their slots free (across all workers, as the claim saw them) and their cap. A send of theirs that
   * finishes may make room; nothing else here does.
   */
  capBound: ReadonlyMap<string, CapBound>;
  /** Due messages were left for want of this worker's slots or a company's share of them: a freed slot may take one. */
  workerBound: boolean;
  /** The accounts whose due messages were left so (workerBound): a turn of another account of the same company gives its slot back to them. */
  leftWaiting: ReadonlySet<string>;
  /** An account's row changed between the scan and its claim (parked, its cap lowered): a new round sees it as it is. */
  changedSinceScan: boolean;
  /**
   * Claiming an account failed after others' claims had committed: those are returned (they are this
   * worker's now, and would otherwise wait for their lease), and this says why the round stopped.
   */
  interruptedBy?: unknown;
}

/** The key `Claim.troubled` uses for an account. */
export function accountId(companyId: string, accountKey: string | null): string {
  return `${companyId}/${accountKey ?? NO_KEY}`;
}

/**
 * How many messages each account gets from one claim of `limit`: round-robin over companies first, then
 * over the accounts within a company, one message per turn — a company with thirty accounts gets the
 * same share as a company with one. Whoever was served longest ago goes first (never served: first of
 * all), so successive claims rotate even when a claim has room for only a few.
 */
export function shareOut(accounts: readonly DueAccount[], limit: number, roomOf: (companyId: string) => number = () => Infinity): Map<DueAccount, number> {
  const since = (a: DueAccount) => a.lastClaimedAt?.getTime() ?? -1;
  const byCompany = new Map<string, DueAccount[]>();
  for (const account of accounts) {
    if (Math.min(account.due, account.free) <= 0) continue;
    byCompany.set(account.companyId, [...(byCompany.get(account.companyId) ?? []), account]);
  }
  const companies = [...byCompany.entries()]
    .map(([companyId, list]) => ({
      companyId,
      accounts: list.sort((a, b) => since(a) - since(b) || a.accountKey.localeCompare(b.accountKey)),
      lastServed: Math.max(...list.map(since)),
      next: 0,
      room: roomOf(companyId),
    }))
    .sort((a, b) => a.lastServed - b.lastServed || a.companyId.localeCompare(b.companyId));
  const shares = new Map<DueAccount, number>();
  let left = limit;
  let progress = true;
  while (left > 0 && progress) {
    progress = false;
    for (const company of companies) {
      if (left <= 0) break;
      if (company.room <= 0) continue;
      // This company's next account that can still take one.
      for (let tried = 0; tried < company.accounts.length; tried++) {
        const account = company.accounts[company.next]!;
        company.next = (company.next + 1) % company.accounts.length;
        const taken = shares.get(account) ?? 0;
        if (taken < Math.min(account.due, account.free)) {
          shares.set(account, taken + 1);
          left--;
          company.room--;
          progress = true;
          break;
        }
      }
    }
  }
  return shares;
}

/**
 * Take up to `limit` due messages for this worker, shared out fairly over companies and their sending
 * accounts, each account within its own cap counted across all workers, parked accounts left aside.
 * Each claim bumps `attempts` and sets a lease; no two workers can hold the same message.
 */
export async function claimDueMessages(db: DataSource, request: ClaimRequest): Promise<Claim> {
  const troubled = new Set<string>();
  const capBound = new Map<string, CapBound>();
  if (request.limit <= 0) return { messages: [], troubled, capBound, workerBound: true, leftWaiting: new Set(), changedSinceScan: false };
  const scannedAt = request.finishedSends?.() ?? 0;
  const accounts = await dueAccounts(db, request);
  const batchOf = (account: DueAccount) => claimBatch(account.cap, request.quickSends?.(accountId(account.companyId, account.accountKey)) ?? false);
  const shares = shareOut(
    accounts.filter((account) => account.busy === 0 || account.free >= batchOf(account)),
    request.limit,
    request.roomOf,
  );
  const lockedUntil = new Date(request.now.getTime() + request.leaseMs);
  const messages: OutboundMessageEntity[] = [];
  const results = new Map<DueAccount, AccountClaim>();
  for (const [account, wanted] of shares) {
    let taken: AccountClaim;
    try {
      taken = await claimForAccount(db, account, wanted, request, lockedUntil);
    } catch (err) {
      if (messages.length === 0) throw err;
      // What is left of the round is unknown: a new round looks again.
      return { messages: byDueTime(messages), troubled, capBound: new Map(), workerBound: false, leftWaiting: new Set(), changedSinceScan: true, interruptedBy: err };
    }
    results.set(account, taken);
    messages.push(...taken.messages);
    if (taken.messages.length > 0 && account.troubled) troubled.add(accountId(account.companyId, account.accountKey));
  }
  const leftWaiting = new Set<string>();
  let changedSinceScan = false;
  for (const account of accounts) {
    const result = results.get(account);
    if (result?.freeAfter === null) changedSinceScan = true;
    if (result && (result.freeAfter === null || result.drained)) continue;
    const taken = result?.messages.length ?? 0;
    if (account.due - taken <= 0) continue;
    const free = result?.freeAfter ?? account.free;
    if (free < batchOf(account)) capBound.set(accountId(account.companyId, account.accountKey), { free, cap: account.cap, countedAt: result?.countedAt ?? scannedAt });
    else leftWaiting.add(accountId(account.companyId, account.accountKey));
  }
  const workerBound = leftWaiting.size > 0;
  // The scan does not count queued messages, so an account may have been given more of the round than
  // it had: when that left this worker's slots empty while others wait for them, a new round shares
  // them out at once (it no longer sees the emptied account).
  const overShared = [...results].some(([account, result]) => result.drained && result.messages.length < (shares.get(account) ?? 0));
  if (overShared && workerBound && messages.length < request.limit) changedSinceScan = true;
  return { messages: byDueTime(messages), troubled, capBound, workerBound, leftWaiting, changedSinceScan };
}

const byDueTime = (messages: OutboundMessageEntity[]) => messages.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());

/** The accounts that have due messages, with their free slots; parked ones are not among them. */
async function dueAccounts(db: DataSource, request: ClaimRequest): Promise<DueAccount[]> {
  const { due, inFlight } = await scanAccounts(db, request.now);
  const result: DueAccount[] = [];
  for (const [id, { state, ...entry }] of due) {
    if (state?.parkedUntil && state.parkedUntil > request.now) continue;
    const cap = capOf(state);
    const busy = inFlight.get(id) ?? 0;
    const troubled = state !== undefined && (state.connectionFailures > 0 || state.parkReason !== null);
    result.push({ ...entry, cap, busy, free: cap - busy, lastClaimedAt: state?.lastClaimedAt ?? null, known: state !== undefined, troubled });
  }
  return result;
}

/** What the claim reads of an account's sending_account row. */
type AccountState = Pick<SendingAccountEntity, 'label' | 'maxConnections' | 'connectionFailures' | 'parkedUntil' | 'parkReason' | 'lastClaimedAt'>;

interface ScannedAccount {
  companyId: string;
  accountKey: string;
  due: number;
  /** Its sending_account row; undefined where no dispatcher has claimed into it yet. */
  state: AccountState | undefined;
}

interface ScanRow {
  kind: ScanKind;
  companyId: string;
  accountKey: string | null;
  n: number | string | null;
  /** The joined sending_account row's columns: all null where there is none. */
  known: string | null;
  label: string | null;
  maxConnections: number | string | null;
  connectionFailures: number | string | null;
  parkedUntil: unknown;
  parkReason: string | null;
  lastClaimedAt: unknown;
}

/**
 * Per account, whether messages are due, how many are in flight (SENDING with a live lease), and its
 * sending_account row, in one statement: three SELECTs joined with UNION ALL, each its own index range,
 * and the account rows joined to them by their key.
 * - the claimable statuses: each account's earliest due message, one seek per account whatever the
 *   backlog. MariaDB makes the seeks itself from a GROUP BY on the index's leading columns with MIN of
 *   the next (a loose index scan); SQLite is told them (sqliteAccountWalk). Their count is not read.
 * - messages whose lease ran out, and those in flight: few rows (at most the workers' slots), counted.
 * The dispatcher scans on every wake-up: the six statements this once was were a third of its SQL, and
 * counting the backlog in it slowed a drain of 10,000 messages as it went.
 */
async function scanAccounts(db: DataSource, now: Date): Promise<{ due: Map<string, ScannedAccount>; inFlight: Map<string, number> }> {
  const [sql, parameters] = dueScanQuery(db, now);
  const rows: ScanRow[] = await db.query(sql, parameters);
  const due = new Map<string, ScannedAccount>();
  const inFlight = new Map<string, number>();
  for (const row of rows) {
    const accountKey = row.accountKey ?? NO_KEY;
    const id = `${row.companyId}/${accountKey}`;
    if (row.kind === 'busy') {
      inFlight.set(id, Number(row.n));
      continue;
    }
    const entry = due.get(id) ?? { companyId: row.companyId, accountKey, due: 0, state: stateOf(db, row) };
    entry.due += row.kind === 'queued' ? Infinity : Number(row.n);
    due.set(id, entry);
  }
  return { due, inFlight };
}

/** The joined sending_account columns, typed as the entity types them (each driver stores an instant its own way). */
function stateOf(db: DataSource, row: ScanRow): AccountState | undefined {
  if (row.known === null) return undefined;
  const accounts = tableSql(db, SendingAccountEntity);
  const instant = (value: unknown, property: 'parkedUntil' | 'lastClaimedAt'): Date | null =>
    value === null || value === undefined ? null : (db.driver.prepareHydratedValue(value, accounts.metadata(property)) as Date);
  return {
    label: row.label ?? '',
    maxConnections: Number(row.maxConnections),
    connectionFailures: Number(row.connectionFailures),
    parkedUntil: instant(row.parkedUntil, 'parkedUntil'),
    parkReason: row.parkReason,
    lastClaimedAt: instant(row.lastClaimedAt, 'lastClaimedAt'),
  };
}

type ScanKind = 'queued' | 'stale' | 'busy';

/**
 * The scan's statement and its parameters at `now`: the driver writes the instant as its columns store it
 * (SQLite: UTC text). The scan is the same on every round: written once per data source (hot-path-sql;
 * building it with query builders was 1.6 % of a worker).
 */
export function dueScanQuery(db: DataSource, now: Date): [string, unknown[]] {
  return db.driver.escapeQueryWithParameters(statementOf(db, 'claim scan', () => scanSql(db)), { now });
}

function scanSql(db: DataSource): string {
  const q = (name: string) => db.driver.escape(name);
  const [m, companyId, accountKey, status] = [q('m'), q('companyId'), q('accountKey'), q('status')];
  const [nextAttemptAt, lockedUntil] = [q('nextAttemptAt'), q('lockedUntil')];
  const { table } = tableSql(db, OutboundMessageEntity);
  const head = (kind: ScanKind) => `SELECT '${kind}' AS ${q('kind')}, ${m}.${companyId} AS ${companyId}, ${m}.${accountKey} AS ${accountKey}`;
  const sqlite = db.options.type === 'better-sqlite3';
  const parts = [
    sqlite
      ? sqliteDueAccounts(db)
      : // MIN over the index's next column and GROUP BY its leading ones: what makes MariaDB's loose scan.
        `${head('queued')}, MIN(${m}.${nextAttemptAt}) AS ${q('n')} FROM ${table} ${m} WHERE ${dueWhere(db, m, 'nextAttemptAt')} GROUP BY ${m}.${status}, ${m}.${companyId}, ${m}.${accountKey}`,
    `${head('stale')}, COUNT(*) AS ${q('n')} FROM ${table} ${m} WHERE ${dueWhere(db, m, 'lockedUntil')} GROUP BY ${m}.${companyId}, ${m}.${accountKey}`,
    `${head('busy')}, COUNT(*) AS ${q('n')} FROM ${table} ${m} WHERE ${m}.${status} = '${MESSAGE_TRANSITIONS.claim.to}' AND ${m}.${lockedUntil} >= :now GROUP BY ${m}.${companyId}, ${m}.${accountKey}`,
  ].join(' UNION ALL ');
  const accounts = tableSql(db, SendingAccountEntity).table;
  const [d, a] = [q('d'), q('a')];
  const state = ['label', 'maxConnections', 'connectionFailures', 'parkedUntil', 'parkReason', 'lastClaimedAt'].map((column) => `${a}.${q(column)}`).join(', ');
  // Messages stored before they named their account have none: their account row's key is ''.
  const select = `SELECT ${d}.*, ${a}.${companyId} AS ${q('known')}, ${state} FROM (${parts}) ${d} LEFT JOIN ${accounts} ${a} ON ${a}.${companyId} = ${d}.${companyId} AND ${a}.${accountKey} = COALESCE(${d}.${accountKey}, '${NO_KEY}')`;
  return sqlite ? `${sqliteAccountWalk(db)} ${select}` : select;
}

/**
 * SQLite has no loose index scan: a GROUP BY reads every queued message's index entry, and a backlog of
 * 5,000 made each round's scan cost 1.3 ms. So the accounts are walked instead, as MariaDB does it: `g`
 * starts at each claimable status's first (companyId, accountKey) in the index and steps to the next
 * one with a seek (LIMIT 1). An account's messages stored before messages named their account (NULL)
 * come first in their company, and `>` cannot step over NULL, so from there the step seeks the
 * company's first named account. Each step and each "is one of them due" is one seek: the cost grows
 * with the accounts that have messages waiting, not with the messages.
 */
function sqliteAccountWalk(db: DataSource): string {
  const q = (name: string) => db.driver.escape(name);
  const [g, y, s, m] = [q('g'), q('y'), q('s'), q('m')];
  const [companyId, accountKey, status] = [q('companyId'), q('accountKey'), q('status')];
  const { table } = tableSql(db, OutboundMessageEntity);
  const first = (where: string, order: string) => `(SELECT ${y}.rowid FROM ${table} ${y} WHERE ${where} ORDER BY ${order} LIMIT 1)`;
  const row = (alias: string) => `${alias}.${status}, ${alias}.${companyId}, ${alias}.${accountKey}`;
  const starts = dueBy('nextAttemptAt').map(
    (rule) => `SELECT ${row(s)} FROM ${table} ${s} WHERE ${s}.rowid = ${first(`${y}.${status} = '${rule.status}'`, `${y}.${companyId}, ${y}.${accountKey}`)}`,
  );
  const sameCompany = `${y}.${status} = ${g}.${status} AND ${y}.${companyId} = ${g}.${companyId}`;
  const nextInCompany = `CASE WHEN ${g}.${accountKey} IS NULL THEN ${first(`${sameCompany} AND ${y}.${accountKey} >= ''`, `${y}.${accountKey}`)} ELSE ${first(`${sameCompany} AND ${y}.${accountKey} > ${g}.${accountKey}`, `${y}.${accountKey}`)} END`;
  const nextCompany = first(`${y}.${status} = ${g}.${status} AND ${y}.${companyId} > ${g}.${companyId}`, `${y}.${companyId}, ${y}.${accountKey}`);
  const step = `SELECT ${row(m)} FROM ${g} JOIN ${table} ${m} ON ${m}.rowid = COALESCE(${nextInCompany}, ${nextCompany})`;
  return `WITH RECURSIVE ${g}(${status}, ${companyId}, ${accountKey}) AS (${[...starts, step].join(' UNION ALL ')})`;
}

/** The walked accounts (sqliteAccountWalk) whose earliest message in a claimable status is due: one seek each. */
function sqliteDueAccounts(db: DataSource): string {
  const q = (name: string) => db.driver.escape(name);
  const [g, x] = [q('g'), q('x')];
  const [companyId, accountKey, status, nextAttemptAt] = [q('companyId'), q('accountKey'), q('status'), q('nextAttemptAt')];
  const { table } = tableSql(db, OutboundMessageEntity);
  const due = `SELECT 1 FROM ${table} ${x} WHERE ${x}.${status} = ${g}.${status} AND ${x}.${companyId} = ${g}.${companyId} AND ${x}.${accountKey} IS ${g}.${accountKey} AND ${x}.${nextAttemptAt} ${dueBy('nextAttemptAt')[0]?.due ?? '<='} :now`;
  return `SELECT 'queued' AS ${q('kind')}, ${g}.${companyId} AS ${companyId}, ${g}.${accountKey} AS ${accountKey}, NULL AS ${q('n')} FROM ${g} WHERE EXISTS (${due})`;
}

/**
 * An account's cap: its own setting, except that an account no dispatcher has sent through yet (its cap
 * not known here yet), and one coming back from a park, get one message at a time until one has gone.
 */
function capOf(state: Pick<AccountState, 'label' | 'parkReason' | 'maxConnections'> | undefined | null): number {
  if (!state || state.label === '') return 1;
  if (state.parkReason) return 1;
  return Math.max(1, state.maxConnections);
}

/** The statements of one account's claim, written once per data source (hot-path-sql). */
function claimSql(db: DataSource, statement: 'stamp' | 'stampSameCap' | 'busy' | 'due' | 'take', named: boolean, rule?: DueRule): string {
  return statementOf(db, `claim ${statement} ${named} ${rule?.status ?? ''}`, () => {
    const a = tableSql(db, SendingAccountEntity);
    const m = tableSql(db, OutboundMessageEntity);
    // Messages stored before they named their account have none (NO_KEY here).
    const ofAccount = (t: TableSql) => `${t.column('companyId')} = :companyId AND ${t.column('accountKey')} ${named || t === a ? '= :accountKey' : 'IS NULL'}`;
    switch (statement) {
      case 'stamp':
      case 'stampSameCap': {
        const sameCap = statement === 'stampSameCap' ? ` AND ${a.column('parkReason')} IS NULL AND ${a.column('label')} <> '' AND ${a.column('maxConnections')} >= :cap` : '';
        return `UPDATE ${a.table} SET ${a.column('lastClaimedAt')} = :stamp WHERE ${ofAccount(a)} AND (${a.column('parkedUntil')} IS NULL OR ${a.column('parkedUntil')} <= :now)${sameCap}`;
      }
      case 'busy':
        return `SELECT COUNT(*) AS n FROM ${m.table} WHERE ${m.column('status')} = '${MESSAGE_TRANSITIONS.claim.to}' AND ${m.column('lockedUntil')} >= :now AND ${ofAccount(m)}`;
      case 'due': {
        if (!rule) throw new Error('a due read needs its rule');
        const instant = m.column(rule.instant);
        const lock = db.options.type === 'better-sqlite3' ? '' : ' FOR UPDATE SKIP LOCKED';
        return `SELECT ${selectAll(db, m, 'd')} FROM ${m.table} d WHERE d.${m.column('status')} = '${rule.status}' AND d.${instant} ${rule.due} :now AND d.${m.column('companyId')} = :companyId AND d.${m.column('accountKey')} ${named ? '= :accountKey' : 'IS NULL'} ORDER BY d.${instant} ASC LIMIT :limit${lock}`;
      }
      case 'take':
        return `UPDATE ${m.table} SET ${m.column('status')} = '${MESSAGE_TRANSITIONS.claim.to}', ${m.column('lockedBy')} = :workerId, ${m.column('lockedUntil')} = :lockedUntil, ${m.column('waitReason')} = NULL, ${m.column('updatedAt')} = :now, ${m.column('attempts')} = ${m.column('attempts')} + 1 WHERE ${m.column('id')} IN (:...ids)`;
    }
  });
}

/**
 * What one account's claim took. `freeAfter`: its slots left under the cap then, null when its row
 * changed since the scan (see claimForAccount); `drained`: fewer were due (and not locked by another
 * worker) than it could take, so none are left to take now.
 */
interface AccountClaim {
  messages: OutboundMessageEntity[];
  freeAfter: number | null;
  drained: boolean;
  /** ClaimRequest.finishedSends just before the in-flight count (the scan's when there was none). */
  countedAt?: number;
}

/**
 * Claim up to `wanted` of one account's due messages. The account's row is locked first (by the UPDATE
 * that stamps it served, which also checks that no park began since the scan), so the in-flight count
 * and the claim are one step for every worker: two workers cannot both take its last slot. On MariaDB
 * rows another worker is claiming are skipped, not waited for; SQLite has one writer. The rows are read
 * whole by the locking SELECT and stamped in memory as the UPDATE stamps them: no second read.
 */
async function claimForAccount(db: DataSource, account: DueAccount, wanted: number, request: ClaimRequest, lockedUntil: Date): Promise<AccountClaim> {
  const { companyId, accountKey } = account;
  // Rows are never deleted: one the scan saw needs no INSERT (a statement per claim on the hot path).
  if (!account.known) {
    await db
      .createQueryBuilder()
      .insert()
      .into(SendingAccountEntity)
      .values({ companyId, accountKey, label: '', maxConnections: DEFAULT_MAX_CONNECTIONS, connectionFailures: 0, updatedAt: request.now })
      .orIgnore()
      .execute();
  }
  return transaction(db, async (manager) => {
    // The cap is the scan's, so the row must still say what the scan read: not parked since, and (when
    // the scan saw a cap above one) not put on probation nor given a lower cap. Otherwise the account is
    // left to a new round, which reads it as it is. The count is of rows matched, not changed (SQLite's
    // `changes`; mysql2 connects with FOUND_ROWS), so a stamp with the same instant still counts.
    const named = accountKey !== NO_KEY;
    const stamp = { companyId, accountKey, now: request.now, stamp: request.now, cap: account.cap };
    if (!(await rowsMatched(manager, claimSql(db, account.cap > 1 ? 'stampSameCap' : 'stamp', named), stamp))) return { messages: [], freeAfter: null, drained: false };
    const countedAt = request.finishedSends?.();
    const [counted] = await rowsOf<{ n: number | string }>(manager, claimSql(db, 'busy', named), { companyId, accountKey, now: request.now });
    const free = account.cap - Number(counted?.n ?? 0);
    const take = Math.min(wanted, free);
    if (take <= 0) return { messages: [], freeAfter: free, drained: false, countedAt };
    const messages: OutboundMessageEntity[] = [];
    const table = tableSql(db, OutboundMessageEntity);
    for (const rule of DUE_RULE) {
      if (messages.length >= take) break;
      const rows = await rowsOf<Record<string, unknown>>(manager, claimSql(db, 'due', named, rule), { companyId, accountKey, now: request.now, limit: take - messages.length });
      messages.push(...entitiesFrom(db, table, () => new OutboundMessageEntity(), rows));
    }
    if (messages.length === 0) return { messages, freeAfter: free, drained: true, countedAt };
    // The claim and take-over both end in the table's SENDING.
    const claimed = { status: MESSAGE_TRANSITIONS.claim.to, lockedBy: request.workerId, lockedUntil, waitReason: null, updatedAt: request.now };
    await rowsMatched(manager, claimSql(db, 'take', named), { workerId: request.workerId, lockedUntil, now: request.now, ids: messages.map((m) => m.id) });
    for (const message of messages) Object.assign(message, claimed, { attempts: message.attempts + 1 });
    return { messages, freeAfter: free - messages.length, drained: messages.length < take, countedAt };
  });
}

import path from 'node:path';
import { z } from 'zod';
import { normalizeHostname } from '@maestro/settings-schema';

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((value) => (value === undefined || value === '' ? fallback : ['true', '1', 'yes'].includes(value)));

const list = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((part) => part.trim()).filter(Boolean));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  MAESTRO_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((url) => !url || /^mysql:\/\//.test(url), 'DATABASE_URL must be mysql://user:password@host:port/database (leave it unset for the embedded SQLite file)'),
  MAESTRO_SECRET_KEY: z
    .string()
    .optional()
    .refine((key) => !key || Buffer.from(key, 'base64').length === 32, 'MAESTRO_SECRET_KEY must be 32 bytes in base64 (openssl rand -base64 32)'),
  MAESTRO_PREVIOUS_SECRET_KEYS: list,
  MAESTRO_ADMIN_PASSWORD: z.string().optional(),
  MAESTRO_HOSTED: flag(false),
  MAESTRO_CORS_ORIGINS: list,
  MAESTRO_TRUSTED_PROXIES: list,
  MAESTRO_SMTP_ALLOWED_HOSTS: list,
  MAESTRO_FRAME_ANCESTORS: z
    .string()
    .optional()
    .refine((value) => !value || /^[\w\s:/.*'-]+$/.test(value), "MAESTRO_FRAME_ANCESTORS lists CSP sources separated by spaces, e.g. 'self' https://outlook.office.com"),
  MAESTRO_CONNECTION_TESTS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  MAESTRO_UPLOAD_FILES_PER_HOUR: z.coerce.number().int().positive().default(200),
  MAESTRO_UPLOAD_MB_PER_HOUR: z.coerce.number().positive().default(500),
  MAESTRO_COMPANY_UPLOAD_FILES_PER_HOUR: z.coerce.number().int().positive().default(2000),
  MAESTRO_COMPANY_UPLOAD_MB_PER_HOUR: z.coerce.number().positive().default(5000),
  MAESTRO_DEV_MAILBOX: z.enum(['true', 'false', '1', '0', '']).optional(),
  MAESTRO_DEV_MAILBOX_PORT: z.coerce.number().int().min(0).max(65535).default(1025),
  MAESTRO_DISPATCHER: flag(true),
  MAESTRO_MAX_ATTACHMENT_MB: z.coerce.number().positive().default(25),
  MAESTRO_MAX_MESSAGE_MB: z.coerce.number().positive().default(25),
  MAESTRO_RETRY_HOURS: z.coerce.number().positive().default(48),
  MAESTRO_RETRY_BASE_SECONDS: z.coerce.number().positive().default(30),
  MAESTRO_RETRY_MAX_DELAY_SECONDS: z.coerce.number().positive().default(3600),
  MAESTRO_DISPATCH_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(20),
  MAESTRO_DISPATCH_POLL_MS: z.coerce.number().int().min(10).max(60000).default(1000),
  /** How often each account's mailbox is read for bounce notices (issue 17). */
  MAESTRO_BOUNCE_READ_SECONDS: z.coerce.number().int().min(1).max(86400).default(300),
  MAESTRO_SQLITE_LOCK_WAIT_MS: z.coerce.number().int().min(0).max(30000).default(2000),
  MAESTRO_READY_PROBE_MS: z.coerce.number().int().min(0).max(60000).default(1000),
  MAESTRO_DISPATCH_LEASE_SECONDS: z.coerce.number().positive().default(120),
  MAESTRO_SMTP_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
  MAESTRO_ACCESS_TOKEN_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
  MAESTRO_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  MAESTRO_DRAFT_EXPIRY_DAYS: z.coerce.number().positive().max(366).default(7),
  MAESTRO_EHLO_NAME: z
    .string()
    .optional()
    .refine((name) => {
      if (!name) return true;
      const ascii = normalizeHostname(name);
      return ascii !== null && ascii.includes('.') && !/^[\d.]+$/.test(ascii) && !ascii.includes(':');
    }, 'MAESTRO_EHLO_NAME must be this server\'s full host name with a dot, e.g. erp.example.com (leave it unset to use the machine\'s full name)'),
  MAESTRO_SEED_DEMO: z.enum(['true', 'false', '1', '0', 'yes', 'no', '']).optional(),
  MAESTRO_METRICS_TOKEN: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'mysql'; url: string };
  secretKey: string | null;
  previousSecretKeys: string[];
  adminPassword: string | null;
  hosted: boolean;
  corsOrigins: string[];
  /** Proxies whose X-Forwarded-For is believed (express `trust proxy`); none by default. */
  trustedProxies: string[];
  /** Hosts a hosted installation may use although they are internal addresses. */
  smtpAllowedHosts: string[];
  /** The CSP frame-ancestors sources: who may show the add-in in a frame. */
  frameAncestors: string;
  devMailbox: { enabled: boolean; port: number };
  dispatcherEnabled: boolean;
  limits: { attachmentBytes: number; messageBytes: number };
  /** "Testaa yhteys" runs per caller per minute (each one makes the server connect somewhere). */
  connectionTestsPerMinute: number;
  /** Uploads per rolling hour, per user and per company (count and bytes). */
  uploadQuota: { userFiles: number; userBytes: number; companyFiles: number; companyBytes: number };
  retry: { maxAgeMs: number; baseDelayMs: number; maxDelayMs: number };
  dispatcher: { concurrency: number; pollMs: number; leaseMs: number };
  /** How often the bounce reader reads each account's inbox. */
  bounceReadMs: number;
  /**
   * SQLite: how long a write waits (asynchronously) for another process's lock before it is refused
   * with DATABASE_UNAVAILABLE. `readyProbeMs`: /readyz writes its heartbeat at most this often.
   */
  databaseWaits: { sqliteLockWaitMs: number; readyProbeMs: number };
  /**
   * A signed-in browser's session: the refresh cookie lasts `hours` from the login; each access token
   * (a tab's, in its sessionStorage) `accessMinutes`, renewed from the cookie.
   */
  session: { accessSeconds: number; refreshSeconds: number };
  /** How long a module's draft waits for its user before it is discarded. */
  drafts: { expiryMs: number };
  smtpTimeouts: { connectionMs: number; greetingMs: number; socketMs: number; dnsMs: number };
  /** The name to greet SMTP servers with when an account names none; null: the machine's full name, else the sender's domain. */
  ehloName: string | null;
  seedDemo: boolean;
  /** MAESTRO_SEED_DEMO was set to true (not the SQLite default): generated passwords may be printed. */
  seedDemoAsked: boolean;
  /** When set, /metrics wants `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

/** A HOST only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.trim().replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Read and check the environment once, at boot. Nothing else in the api touches process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.MAESTRO_DATA_DIR);
  const embedded = !e.DATABASE_URL;
  const devMailboxFlag = e.MAESTRO_DEV_MAILBOX;
  const seedDemoAsked = e.MAESTRO_SEED_DEMO !== undefined && e.MAESTRO_SEED_DEMO !== '' ? ['true', '1', 'yes'].includes(e.MAESTRO_SEED_DEMO) : null;
  // The dev mailbox shows what every company sent: only on a machine of one's own, never when hosted
  // or reachable from other machines. Asked for there, the configuration is refused.
  const devMailboxAsked = devMailboxFlag ? ['true', '1'].includes(devMailboxFlag) : null;
  const devMailboxSafe = !e.MAESTRO_HOSTED && isLoopbackHost(e.HOST);
  if (devMailboxAsked && !devMailboxSafe) {
    throw new Error(
      `Invalid environment:\n  MAESTRO_DEV_MAILBOX: the dev mailbox runs only on a loopback HOST (127.0.0.1, ::1, localhost) and not with MAESTRO_HOSTED=true; HOST is ${e.HOST}${e.MAESTRO_HOSTED ? ' and MAESTRO_HOSTED is true' : ''}.`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: embedded ? { kind: 'sqlite', file: path.join(dataDir, 'maestro.sqlite') } : { kind: 'mysql', url: e.DATABASE_URL as string },
    secretKey: e.MAESTRO_SECRET_KEY ?? null,
    previousSecretKeys: e.MAESTRO_PREVIOUS_SECRET_KEYS,
    adminPassword: e.MAESTRO_ADMIN_PASSWORD || null,
    hosted: e.MAESTRO_HOSTED,
    corsOrigins: e.MAESTRO_CORS_ORIGINS,
    trustedProxies: e.MAESTRO_TRUSTED_PROXIES,
    smtpAllowedHosts: e.MAESTRO_SMTP_ALLOWED_HOSTS,
    frameAncestors: e.MAESTRO_FRAME_ANCESTORS?.trim() || "'self'",
    // The dev mailbox belongs to the embedded default on one's own machine; production turns it on only when asked.
    devMailbox: { enabled: devMailboxAsked ?? (embedded && devMailboxSafe), port: e.MAESTRO_DEV_MAILBOX_PORT },
    dispatcherEnabled: e.MAESTRO_DISPATCHER,
    limits: { attachmentBytes: e.MAESTRO_MAX_ATTACHMENT_MB * 1024 * 1024, messageBytes: e.MAESTRO_MAX_MESSAGE_MB * 1024 * 1024 },
    connectionTestsPerMinute: e.MAESTRO_CONNECTION_TESTS_PER_MINUTE,
    uploadQuota: {
      userFiles: e.MAESTRO_UPLOAD_FILES_PER_HOUR,
      userBytes: e.MAESTRO_UPLOAD_MB_PER_HOUR * 1024 * 1024,
      companyFiles: e.MAESTRO_COMPANY_UPLOAD_FILES_PER_HOUR,
      companyBytes: e.MAESTRO_COMPANY_UPLOAD_MB_PER_HOUR * 1024 * 1024,
    },
    retry: { maxAgeMs: e.MAESTRO_RETRY_HOURS * 3600_000, baseDelayMs: e.MAESTRO_RETRY_BASE_SECONDS * 1000, maxDelayMs: e.MAESTRO_RETRY_MAX_DELAY_SECONDS * 1000 },
    databaseWaits: { sqliteLockWaitMs: e.MAESTRO_SQLITE_LOCK_WAIT_MS, readyProbeMs: e.MAESTRO_READY_PROBE_MS },
    dispatcher: { concurrency: e.MAESTRO_DISPATCH_CONCURRENCY, pollMs: e.MAESTRO_DISPATCH_POLL_MS, leaseMs: e.MAESTRO_DISPATCH_LEASE_SECONDS * 1000 },
    bounceReadMs: e.MAESTRO_BOUNCE_READ_SECONDS * 1000,
    session: { accessSeconds: Math.round(e.MAESTRO_ACCESS_TOKEN_MINUTES * 60), refreshSeconds: Math.round(e.MAESTRO_SESSION_HOURS * 3600) },
    drafts: { expiryMs: e.MAESTRO_DRAFT_EXPIRY_DAYS * 24 * 3600_000 },
    smtpTimeouts: {
      connectionMs: e.MAESTRO_SMTP_TIMEOUT_SECONDS * 1000,
      greetingMs: e.MAESTRO_SMTP_TIMEOUT_SECONDS * 1000,
      socketMs: e.MAESTRO_SMTP_TIMEOUT_SECONDS * 2000,
      dnsMs: e.MAESTRO_SMTP_TIMEOUT_SECONDS * 1000,
    },
    ehloName: e.MAESTRO_EHLO_NAME ? normalizeHostname(e.MAESTRO_EHLO_NAME) : null,
    // Demo Oy with generated passwords belongs to a first look on one's own machine: on MySQL only when asked.
    seedDemo: seedDemoAsked ?? embedded,
    seedDemoAsked: seedDemoAsked === true,
    metricsToken: e.MAESTRO_METRICS_TOKEN || null,
    logLevel: e.LOG_LEVEL,
  };
}

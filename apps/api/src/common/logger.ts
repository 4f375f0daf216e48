import pino from 'pino';
import {
  companyMessageSettingsSchema,
  secretKeys,
  smsSettingsSchema,
  userMailSettingsSchema,
} from '@maestro/settings-schema';

/** Keys never written to a log line: every secret field of the domain, plus credentials in transit. */
export const REDACTED_KEYS = [
  ...secretKeys(companyMessageSettingsSchema, smsSettingsSchema, userMailSettingsSchema),
  'authorization',
  'token',
  'key',
  'passwordHash',
  'secretHash',
  'pass',
  'accessToken',
];

export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  const paths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);
  return pino({ level, redact: { paths, censor: '[redacted]' }, base: { service: 'maestro-api' } }, destination);
}

export type Logger = pino.Logger;

import type * as Mailparser from 'mailparser';
import type { Attachment, ParsedMail } from 'mailparser';
import { sanitizeDetail } from '../dispatch/classify-smtp-error';
import type { BounceReading, BounceReport, BounceSkipReason } from './bounce-report';
import { readDeliveryStatus } from './delivery-status';
import { headerBlock, messageIdOf, parseFields, fieldValue } from './header-fields';
import { quotedMessageId, readTextBounce } from './text-bounce';

export interface ReadBounceOptions {
  /** Larger notices are skipped unread (TOO_LARGE). Default 10 MB: a notice with RET=HDRS is a few kB. */
  maxBytes?: number;
  /** MIME parts at most (mailparser's `maxChildNodes`); beyond it TOO_DEEP. Default 200. */
  maxParts?: number;
  /** Give up on one notice after this long (TIMEOUT). Default 10 s. */
  timeoutMs?: number;
}

/** Loaded on first use: only the bounce reader needs it, and it is slow to load. */
let mailparser: Promise<typeof Mailparser> | undefined;
const loadMailparser = () => (mailparser ??= import('mailparser'));

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_PARTS = 200;
const DEFAULT_TIMEOUT_MS = 10_000;
/** How much of a notice's text the word readers look at: reports are short, originals can be long. */
const TEXT_MAX = 256 * 1024;
const HEADERS_MAX = 64 * 1024;

const STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_HEADER_TYPES = new Set(['text/rfc822-headers', 'message/rfc822-headers', 'message/global-headers', 'message/rfc822', 'message/global']);

// What a bounce's envelope and headers look like: the null sender, a mailer daemon, the usual subjects.
const DAEMON = /mailer-daemon|postmaster|mail delivery (?:system|subsystem)|^mdaemon|\bnoreply-dmarc/i;
const BOUNCE_SUBJECT =
  /undeliver|undelivered|delivery (?:status notification|failure|has failed|failed|notification)|returned mail|failure notice|mail delivery failed|non[- ]?delivery|could not be delivered|delivery delayed|delayed mail|warning: could not send|unzustellbar|olevererbar|ei voitu toimittaa|toimitus epäonnistui|no se puede entregar|non remis/i;

function skipped(reason: BounceSkipReason, detail: string): BounceReading {
  return { kind: 'SKIPPED', reason, detail: sanitizeDetail(detail) };
}

function headerText(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name);
  if (value == null) return ''; // mailparser's types say never null; its header parsing can still give it
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  return String(value);
}

/** The header block of a returned-message part, decoded and capped. */
function returnedHeaders(part: Attachment): string {
  return headerBlock(part.content.subarray(0, HEADERS_MAX).toString('utf8'));
}

function looksLikeBounce(mail: ParsedMail, failedRecipients: string[], hasStatus: boolean): boolean {
  if (hasStatus || failedRecipients.length > 0) return true;
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value === 'multipart/report' && contentType.params?.['report-type']?.toLowerCase() === 'delivery-status') return true;
  if (mail.headers.has('x-ms-exchange-message-is-ndr')) return true;
  const from = headerText(mail, 'from');
  const returnPath = headerText(mail, 'return-path');
  // The null sender, "<>": what every bounce is sent from (RFC 5321 4.5.5).
  const nullSender = mail.headers.has('return-path') && returnPath.replace(/[\s<>]/g, '') === '';
  const daemon = DAEMON.test(from) || nullSender;
  return daemon && BOUNCE_SUBJECT.test(mail.subject ?? '');
}

function readParsed(mail: ParsedMail): BounceReading {
  const failedRecipients = headerText(mail, 'x-failed-recipients')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a.includes('@'));
  const statusPart = mail.attachments.find((a) => STATUS_TYPES.has(a.contentType.toLowerCase()));
  if (!looksLikeBounce(mail, failedRecipients, !!statusPart)) return { kind: 'NOT_A_BOUNCE' };

  const subject = mail.subject ?? '';
  const text = (mail.text ?? '').slice(0, TEXT_MAX);
  const returned = mail.attachments.find((a) => RETURNED_HEADER_TYPES.has(a.contentType.toLowerCase()));
  const returnedId = returned ? messageIdOf(fieldValue(parseFields(returnedHeaders(returned)), 'message-id')) : undefined;

  let report: BounceReport;
  if (statusPart) {
    const status = readDeliveryStatus(statusPart.content.subarray(0, HEADERS_MAX).toString('utf8'));
    // A report of success only (NOTIFY=SUCCESS, which we never ask for) is no bounce.
    if (status.recipients.length === 0) return { kind: 'NOT_A_BOUNCE' };
    const quotedId = returnedId ?? quotedMessageId(text);
    report = {
      format: 'DSN',
      recipients: status.recipients,
      ...(status.envelopeId ? { envelopeId: status.envelopeId } : {}),
      ...(quotedId ? { originalMessageId: quotedId } : {}),
      failedRecipients,
      ...(status.reportingMta ? { reportingMta: status.reportingMta } : {}),
    };
  } else {
    const read = readTextBounce(subject, text, failedRecipients);
    if (read.recipients.length === 0) return skipped('NO_RECIPIENTS', `a delivery notice naming no recipient: ${subject}`);
    const quotedId = returnedId ?? quotedMessageId(read.original);
    report = { format: 'TEXT', recipients: read.recipients, ...(quotedId ? { originalMessageId: quotedId } : {}), failedRecipients };
  }
  const noticeId = messageIdOf(mail.messageId);
  return { kind: 'BOUNCE', report: noticeId ? { ...report, noticeMessageId: noticeId } : report };
}

/**
 * Reads one message from the bounce mailbox: an RFC 3464 delivery status notification
 * (`multipart/report; report-type=delivery-status`), or one of the common notices in words (qmail,
 * Exim, Exchange/Office 365 without a status part, old Gmail). Answers per recipient FAILED or
 * DELAYED with the status code and the remote server's reply, and what identifies the message: the
 * ENVID (`envelopeId`), the original Message-ID from the returned headers or the quoted original, and
 * X-Failed-Recipients. An ordinary message is NOT_A_BOUNCE.
 *
 * Never throws and never hangs: a notice that is too big, nested too deep, unparseable, slower than
 * `timeoutMs` or that names no recipient is SKIPPED with a reason for the log, and should be left
 * where it is. MIME (charsets, encodings, nesting) is mailparser's.
 */
export async function readBounce(raw: Buffer | string, options: ReadBounceOptions = {}): Promise<BounceReading> {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) return skipped('TOO_LARGE', `${bytes.length} bytes, more than ${maxBytes}`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<BounceReading>((resolve) => {
    timer = setTimeout(() => resolve(skipped('TIMEOUT', `not read within ${timeoutMs} ms`)), timeoutMs);
  });
  const reading = (async (): Promise<BounceReading> => {
    const { simpleParser } = await loadMailparser();
    let mail: ParsedMail;
    try {
      mail = await simpleParser(bytes, {
        // message/delivery-status stays a part of its own instead of being merged into the text.
        keepDeliveryStatus: true,
        skipHtmlToText: true,
        skipTextToHtml: true,
        skipTextLinks: true,
        skipImageLinks: true,
        maxHtmlLengthToParse: 64 * 1024,
        maxChildNodes: options.maxParts ?? DEFAULT_MAX_PARTS,
      } as Parameters<typeof simpleParser>[1]);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return skipped(/child nodes|nest|depth/i.test(message) ? 'TOO_DEEP' : 'UNREADABLE', message);
    }
    try {
      return readParsed(mail);
    } catch (err) {
      return skipped('UNREADABLE', err instanceof Error ? err.message : String(err));
    }
  })();
  try {
    return await Promise.race([reading, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

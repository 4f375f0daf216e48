import { simpleParser, type ParsedMail } from 'mailparser';

/** What a list of received mails shows: enough for a viewer's table, cheap to compute. */
export interface MailSummary {
  id: string;
  receivedAt: Date;
  /** The From header as written (display name and address), or the envelope sender when missing. */
  from: string;
  /** The envelope recipients (RCPT TO), Bcc included. */
  to: string[];
  subject: string;
  /** The Message-ID header, or '' when there is none. */
  messageId: string;
  /** Size of the raw message in bytes. */
  size: number;
}

/** How the message came in: over TLS or not, and who logged in. */
export interface ReceivedSession {
  /** True when the message travelled over TLS (implicit TLS or after STARTTLS). */
  secure: boolean;
  /** The user name the client authenticated as, or null without AUTH. */
  user: string | null;
  /** ESMTP, ESMTPS, ESMTPA or ESMTPSA, as the Received header would say. */
  transmissionType: string;
  /** The name the client greeted with (EHLO/HELO), lower case. */
  ehloName: string | null;
  /** Whether MAIL FROM asked for SMTPUTF8 (RFC 6531). */
  smtpUtf8: boolean;
}

/** The DSN parameters (RFC 3461) the client sent, as the server read them (xtext still encoded). */
export interface ReceivedDsn {
  /** RET= of MAIL FROM: "HDRS" or "FULL", or null. */
  ret: string | null;
  /** ENVID= of MAIL FROM, or null. */
  envid: string | null;
  /** NOTIFY= of each RCPT TO that had one, by address. */
  notify: Record<string, string[]>;
}

/** The SMTP envelope: MAIL FROM and every RCPT TO, exactly as the client sent them. */
export interface ReceivedEnvelope {
  from: string;
  to: string[];
  /** With `startSmtpServer({ dsn: true })` only. */
  dsn?: ReceivedDsn;
}

/** One message the server accepted, kept as its raw bytes and parsed only when asked. */
export interface ReceivedMail {
  /** Increasing number, as a string, unique for the life of the server. */
  id: string;
  receivedAt: Date;
  /** The SMTP envelope: MAIL FROM and every RCPT TO, exactly as the client sent them. */
  envelope: ReceivedEnvelope;
  session: ReceivedSession;
  size: number;
  raw: Buffer;
  /** The whole message through mailparser's simpleParser (not cached: attachments can be large). */
  parse(): Promise<ParsedMail>;
  /** The viewer's row; parses the header block only, and remembers the answer. */
  summary(): Promise<MailSummary>;
}

const HEADER_END = Buffer.from('\r\n\r\n');

export function createReceivedMail(fields: Omit<ReceivedMail, 'parse' | 'summary'>): ReceivedMail {
  let summary: Promise<MailSummary> | undefined;
  return {
    ...fields,
    parse: () => simpleParser(fields.raw),
    summary: () => (summary ??= summarize(fields)),
  };
}

async function summarize(mail: Omit<ReceivedMail, 'parse' | 'summary'>): Promise<MailSummary> {
  // The header block alone is a valid message for the parser, and stays small however big the body is.
  const end = mail.raw.indexOf(HEADER_END);
  const headers = await simpleParser(end < 0 ? mail.raw : mail.raw.subarray(0, end + HEADER_END.length));
  return {
    id: mail.id,
    receivedAt: mail.receivedAt,
    from: headers.from?.text ?? mail.envelope.from,
    to: mail.envelope.to,
    subject: headers.subject ?? '',
    messageId: headers.messageId ?? '',
    size: mail.size,
  };
}

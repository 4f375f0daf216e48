import type { BouncedRecipient } from './bounce-report';

const DIAGNOSTIC_MAX = 300;
const LINE_MAX = 1000;

/** One line, at most DIAGNOSTIC_MAX characters: a remote server's reply as it is kept. */
export function oneLine(text: string): string {
  const out = text.replace(/\s+/g, ' ').trim();
  return out.length > DIAGNOSTIC_MAX ? `${out.slice(0, DIAGNOSTIC_MAX - 1)}…` : out;
}

/**
 * Where the quoted original begins in the notices of the common mail servers; the failure report is
 * what comes before. qmail: "--- Below this line is a copy of the message."; Exim: "------ This is a
 * copy of the message, including all the headers. ------"; Gmail: "----- Original message -----";
 * Exchange and Office 365: "Original message headers:"; Sendmail and others: "----- Original message
 * follows -----" / "--- The header of the original message is following. ---".
 */
const ORIGINAL_MARKER =
  /^[ \t]*(?:-{2,}[ \t]*)?(?:below this line is a copy of the message|this is a copy of the message|original message|the (?:header of the )?original message|original message headers:|undelivered message (?:headers|follows)|returned message|message header follows|unsent message below)/im;

const ADDRESS = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/;
// A line that names a recipient and nothing else: "  user@example.com", "<user@example.com>:",
// "Name<mailto:user@example.com>" (Exchange), "<user@example.com>: host mx said: 550 ..." (qmail, Postfix).
const RECIPIENT_LINE = new RegExp(
  `^\\s*<(${ADDRESS.source})>:?(?:\\s.*)?$|^[^<>@]*<mailto:(${ADDRESS.source})>\\s*$|^\\s*(${ADDRESS.source}):?\\s*$`,
);
const SMTP_REPLY = /\b([45]\d\d)(?:[ -]|\s*#?)([245]\.\d{1,3}\.\d{1,3})?\b[^\n]*/;
const STATUS = /(?:^|[\s(#])([245]\.\d{1,3}\.\d{1,3})\b/;
const QUOTED_REPLY = /Remote Server returned '([^']+)'/i;
const GMAIL_REPLY = /The error that the other server returned was:[ \t]*\r?\n[ \t]*([^\n]+)/i;

const DELAY_WORDS = /\bdelayed\b|has not yet been delivered|not been delivered yet|will (?:continue|keep) (?:to try|trying)|will be retried|still being retried|could not send message for past|delivery (?:status notification )?\(delay\)|warning: message/i;
const PERMANENT_WORDS = /permanent(?:ly)?|gave up|giving up|has failed|could not be delivered|undeliverable|failed permanently|will not try/i;

/** The failure report part of a notice's text: up to the quoted original. */
export function reportSection(text: string): { report: string; original: string } {
  const match = ORIGINAL_MARKER.exec(text);
  return match ? { report: text.slice(0, match.index), original: text.slice(match.index) } : { report: text, original: '' };
}

/** The Message-ID quoted in a notice's text (the returned original's header), if any. */
export function quotedMessageId(original: string): string | undefined {
  return /^[ \t]*Message-I[Dd]:[ \t]*(<[^<>\s]+>)/im.exec(original)?.[1];
}

/** Whether a notice's wording says the message is only delayed (still being retried). */
export function soundsDelayed(subject: string, report: string): boolean {
  return (DELAY_WORDS.test(subject) || DELAY_WORDS.test(report)) && !PERMANENT_WORDS.test(subject) && !/permanent|gave up|giving up/i.test(report);
}

/**
 * Reads a notice in words: the recipients it names (each line that is just an address, `<address>:`,
 * or Exchange's `Name<mailto:address>`), each with the server reply and status found in the lines
 * after it (up to the next recipient or an empty line), else the first reply in the whole report.
 * `known` is the notice's X-Failed-Recipients: when given, exactly those recipients are reported.
 */
export function readTextBounce(subject: string, text: string, known: readonly string[]): { recipients: BouncedRecipient[]; original: string } {
  const { report, original } = reportSection(text);
  const lines = report.split(/\r?\n/);
  const found = new Map<string, { address: string; lines: string[] }>();
  let current: { address: string; lines: string[] } | null = null;
  for (const line of lines) {
    // No recipient line is long; a hostile one is not worth the regular expressions' time.
    const match = line.length <= LINE_MAX ? RECIPIENT_LINE.exec(line) : null;
    const address = match?.[1] ?? match?.[2] ?? match?.[3];
    if (address) {
      const key = address.toLowerCase();
      current = found.get(key) ?? { address, lines: [] };
      found.set(key, current);
      // "<a@b>: host mx said: 550 ..." carries its reply on the same line.
      const rest = line.slice(line.indexOf(address) + address.length).replace(/^>?:?/, '').trim();
      if (rest) current.lines.push(rest);
      continue;
    }
    if (!current) continue;
    if (line.trim() === '' && current.lines.length > 0) current = null;
    else if (line.trim() !== '') current.lines.push(line.trim());
  }
  // X-Failed-Recipients is the server's own list: when present it decides who failed, the text only adds detail.
  const named = known.length > 0 ? known.map((address) => found.get(address.toLowerCase()) ?? { address, lines: [] }) : [...found.values()];

  const action = soundsDelayed(subject, report) ? 'DELAYED' : 'FAILED';
  const wholeReply = GMAIL_REPLY.exec(report)?.[1] ?? QUOTED_REPLY.exec(report)?.[1] ?? SMTP_REPLY.exec(report)?.[0];
  const recipients = named.map(({ address, lines: own }) => {
    const block = own.join('\n');
    const reply = QUOTED_REPLY.exec(block)?.[1] ?? SMTP_REPLY.exec(block)?.[0] ?? (block ? undefined : wholeReply) ?? wholeReply;
    const diagnostic = reply ? oneLine(reply.replace(/^#/, '')) : block ? oneLine(block) : undefined;
    const status = STATUS.exec(diagnostic ?? '')?.[1] ?? STATUS.exec(block)?.[1];
    return { address, action, ...(status ? { status } : {}), ...(diagnostic ? { diagnostic } : {}) } satisfies BouncedRecipient;
  });
  return { recipients, original };
}

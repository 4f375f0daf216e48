import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Link, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwise20Regular, Attach20Regular, DismissCircle16Filled } from '@fluentui/react-icons';
import { showBidiControls } from '@maestro/settings-schema';
import { openFile } from '../api/authorized-http';
import { messageOf } from '../api/graphql-errors';
import { NARROW, STACKED } from '../app/layout';
import { LoadState } from '../app/page-frame';
import { HandOffPanel } from '../compose/hand-off-panel';
import { formatSize } from '../compose/format-size';
import { formatDateTime } from '../forms/format-date';
import type { MessageStatus } from '../gql/graphql';
import { sourceLabel, useLanguage, useT } from '../i18n/i18n';
import { CancelMessageMutation, MessageQuery, RetryMessageMutation } from './messages.operations';
import { StatusBadge } from './status-badge';
import { isPending } from './use-live-messages';

const RETRYABLE: readonly MessageStatus[] = ['FAILED', 'RETRYING', 'CANCELLED'];
const CANCELLABLE: readonly MessageStatus[] = ['QUEUED', 'RETRYING'];

const useStyles = makeStyles({
  // Beside the list the pane sticks to the top of the screen with its own scroll, so choosing a row
  // low in a long list does not leave its header scrolled away; under the list it scrolls with the page.
  pane: {
    position: 'sticky',
    top: 0,
    maxHeight: 'calc(100dvh - 48px)',
    overflowY: 'auto',
    minWidth: 0,
    [STACKED]: { position: 'static', maxHeight: 'none', overflowY: 'visible' },
  },
  details: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL, [NARROW]: { padding: tokens.spacingHorizontalM } },
  empty: { display: 'block', padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
  subject: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  facts: { display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  list: { margin: 0, paddingLeft: '1.2em' },
  body: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    fontFamily: 'Consolas, "Courier New", monospace',
    fontSize: '13px',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  live: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export interface ReadingPaneProps {
  id: string | null;
  /** Shows every message of the document in the list. */
  onShowDocument: (documentRef: string) => void;
}

/**
 * The reading pane: the message's status, the server's reply, attempts, the next try and why it waits,
 * the error and which recipients were refused, its attachments (opened with the token), the document
 * it belongs to; Lähetä uudelleen and Peru lähetys where the status allows.
 */
export function ReadingPane({ id, onShowDocument }: ReadingPaneProps) {
  const t = useT();
  const styles = useStyles();
  const pane = useRef<HTMLElement>(null);
  useEffect(() => {
    const element = pane.current;
    if (!id || !element) return;
    // A newly chosen message starts at its header, and the header is brought up where the pane is
    // under the list (or otherwise out of sight). Up to the window's top half, not just inside it: the
    // list above re-renders when the message's status changes, and a header left at the bottom edge
    // was pushed out of sight by it.
    element.scrollTop = 0;
    const top = element.getBoundingClientRect().top;
    // jsdom (the component tests) has no scrollIntoView.
    if ((top < 0 || top > window.innerHeight / 2) && 'scrollIntoView' in element) element.scrollIntoView({ block: 'start' });
  }, [id]);
  return (
    <section ref={pane} className={styles.pane} aria-label={t.messages.readingPane}>
      {id ? <MessageDetails key={id} id={id} onShowDocument={onShowDocument} /> : <Text className={styles.empty}>{t.messages.pickOne}</Text>}
    </section>
  );
}

function MessageDetails({ id, onShowDocument }: { id: string; onShowDocument: (documentRef: string) => void }) {
  const t = useT();
  const language = useLanguage();
  const styles = useStyles();
  const query = useQuery(MessageQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [retry, retrying] = useMutation(RetryMessageMutation);
  const [cancel, cancelling] = useMutation(CancelMessageMutation);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  // The list's summary is in the cache at once; the pane needs the details too.
  const message = query.data?.message && 'body' in query.data.message ? query.data.message : null;

  const act = async (run: () => Promise<unknown>, done: string) => {
    setNotice(null);
    try {
      await run();
      setNotice({ intent: 'success', text: done });
    } catch (error) {
      setNotice({ intent: 'error', text: messageOf(error, t) });
    }
  };

  const open = async (attachment: { id: string; url: string; filename: string }) => {
    setNotice(null);
    try {
      if ((await openFile(attachment.url, t.compose.openFailed)) === 'downloaded') {
        setNotice({ intent: 'success', text: t.security.openedAsDownload(showBidiControls(attachment.filename)) });
      }
    } catch (error) {
      setNotice({ intent: 'error', text: error instanceof Error ? error.message : t.compose.openFailed });
    }
  };

  if (!message) {
    return (
      <div className={styles.details}>
        <LoadState loading error={query.error} onRetry={() => void query.refetch()}>
          {null}
        </LoadState>
      </div>
    );
  }

  const facts: [string, ReactNode][] = [];
  const fact = (term: string, value: ReactNode) => {
    if (value !== null && value !== undefined && value !== '') facts.push([term, value]);
  };
  fact(t.messages.status, <StatusBadge status={message.status} />);
  fact(t.messages.senderLabel, message.from.formatted);
  fact(t.messages.toLabel, message.to.join(', '));
  fact(t.messages.ccLabel, message.cc.join(', '));
  fact(t.messages.bccLabel, message.bcc.join(', '));
  fact(t.messages.serverReply, message.smtpResponse);
  fact(t.messages.attempts, String(message.attempts));
  if (isPending(message)) fact(t.messages.nextAttempt, message.nextAttemptAt && formatDateTime(message.nextAttemptAt, language));
  if (isPending(message)) fact(t.messages.waiting, message.waitMessage ?? message.waitReason);
  if (message.lastError) {
    fact(
      t.messages.error,
      <>
        {message.lastError.message}
        {message.lastError.permanent && (
          <>
            <br />
            {t.messages.permanent}
          </>
        )}
      </>,
    );
  }
  // Each recipient's own outcome once the message was tried; a message not tried yet lists them above.
  if (message.attempts > 0 && message.recipients.length > 0) {
    fact(
      t.messages.recipients,
      <ul className={styles.list} aria-label={t.messages.recipients}>
        {message.recipients.map((r) => (
          <li key={`${r.kind}:${r.address}`} data-outcome={r.outcome}>
            {r.outcome === 'REFUSED' || r.outcome === 'BOUNCED' ? <DismissCircle16Filled aria-hidden /> : null} {r.address}: {t.enums.recipientOutcome[r.outcome]}
            {r.message ? ` – ${r.message}` : r.reply ? ` – ${r.reply}` : ''}
          </li>
        ))}
      </ul>,
    );
  } else if (message.recipientErrors.length > 0) {
    fact(
      t.messages.recipientErrors,
      <ul className={styles.list}>
        {message.recipientErrors.map((e) => (
          <li key={e.address}>
            <DismissCircle16Filled aria-hidden /> {e.address}: {e.message}
          </li>
        ))}
      </ul>,
    );
  }
  fact(t.messages.program2, sourceLabel(message.source, language));
  if (message.documentRef) {
    const ref = message.documentRef;
    fact(
      t.messages.document,
      <>
        {ref}{' '}
        <Link as="button" onClick={() => onShowDocument(ref)}>
          {t.messages.showDocument}
        </Link>
      </>,
    );
  }
  fact(t.messages.created, formatDateTime(message.createdAt, language));
  fact(t.messages.sentAt, message.sentAt && formatDateTime(message.sentAt, language));
  if (message.bounces.length > 0) {
    fact(
      t.messages.bounces,
      <ul className={styles.list} aria-label={t.messages.bounces}>
        {message.bounces.map((b) => (
          <li key={`${b.address} ${b.reportedAt}`}>
            {b.action === 'BOUNCED' ? <DismissCircle16Filled aria-hidden /> : null} {b.message}
          </li>
        ))}
      </ul>,
    );
  }
  if (message.sentCopy) fact(t.messages.sentCopy, message.sentCopy.message);
  fact(t.messages.sentBy, message.sentBy);
  if (message.channel === 'EMAIL') fact(t.messages.messageId, message.messageId);

  return (
    <div className={styles.details}>
      <h2 className={styles.subject}>{message.channel === 'SMS' ? `${t.messages.smsRow} ${message.to.join(', ')}` : message.subject || t.messages.noSubject}</h2>
      <div className={styles.actions}>
        {RETRYABLE.includes(message.status) && (
          <Button icon={<ArrowClockwise20Regular />} disabled={retrying.loading} onClick={() => void act(() => retry({ variables: { id } }), t.messages.retried)}>
            {t.messages.retry}
          </Button>
        )}
        {CANCELLABLE.includes(message.status) && (
          <Button disabled={cancelling.loading} onClick={() => void act(() => cancel({ variables: { id } }), t.messages.cancelled)}>
            {t.messages.cancel}
          </Button>
        )}
        {isPending(message) && <span className={styles.live}>{t.messages.live}</span>}
      </div>
      {notice && (
        <div role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBar intent={notice.intent}>
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        </div>
      )}
      {message.status === 'HANDED_OFF' && message.handOff && <HandOffPanel handOff={message.handOff} subject={message.subject} />}
      <dl className={styles.facts}>
        {facts.map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{value}</dd>
          </div>
        ))}
      </dl>
      {message.attachments.length > 0 && (
        <div>
          <Text weight="semibold">{t.messages.attachments}</Text>
          <ul className={styles.list} aria-label={t.messages.attachments}>
            {message.attachments.map((a) => (
              <li key={a.id}>
                <Link as="button" aria-label={t.messages.open(showBidiControls(a.filename))} onClick={() => void open(a)}>
                  <Attach20Regular aria-hidden /> {showBidiControls(a.filename)}
                </Link>{' '}
                ({formatSize(a.size, language)})
              </li>
            ))}
          </ul>
        </div>
      )}
      <pre className={styles.body} aria-label={t.messages.body}>
        {message.body}
      </pre>
    </div>
  );
}

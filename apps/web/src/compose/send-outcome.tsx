import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatDateTime } from '../forms/format-date';
import type { MessageDetailFieldsFragment } from '../gql/graphql';
import { useLanguage, useT } from '../i18n/i18n';
import { StatusBadge } from '../messages/status-badge';
import { isPending, useCurrentMessage, useLiveMessages } from '../messages/use-live-messages';
import { HandOffPanel } from './hand-off-panel';

const useStyles = makeStyles({
  outcome: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '760px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  line: { display: 'block' },
});

export interface SendOutcomeProps {
  message: MessageDetailFieldsFragment;
  /** Buttons under the outcome (Uusi viesti, Sulje, ...). */
  actions?: ReactNode;
}

/**
 * What became of a sent message, kept live while it is on its way: SENT with the server's reply,
 * waiting in the outbox (or scheduled), FAILED with the reason, or handed to the user's mail program.
 */
export function SendOutcome({ message: answered, actions }: SendOutcomeProps) {
  const t = useT();
  const language = useLanguage();
  const styles = useStyles();
  const message = useCurrentMessage(answered);
  useLiveMessages([message]);

  const recipients = [...message.to, ...message.cc, ...message.bcc].join(', ');
  const folder = isPending(message)
    ? { to: '/messages/outbox', label: t.compose.toOutbox }
    : message.status === 'SENT'
      ? { to: '/messages/sent', label: t.compose.toSent }
      : message.status === 'HANDED_OFF'
        ? { to: '/messages/handed-off', label: t.nav.handedOff }
        : { to: '/messages/failed', label: t.nav.failed };
  let body: ReactNode;
  if (message.status === 'HANDED_OFF' && message.handOff) {
    body = <HandOffPanel handOff={message.handOff} subject={message.subject} openAtOnce />;
  } else if (message.status === 'SENT') {
    body = (
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t.compose.sentTitle}</MessageBarTitle>
          <span className={styles.line}>{t.compose.sentBody(recipients)}</span>
          {message.smtpResponse && <span className={styles.line}>{t.compose.serverReply(message.smtpResponse)}</span>}
        </MessageBarBody>
      </MessageBar>
    );
  } else if (message.status === 'PARTIALLY_SENT') {
    body = (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t.compose.partlySentTitle}</MessageBarTitle>
          <span className={styles.line}>{t.compose.partlySentBody}</span>
          {message.lastError && <span className={styles.line}>{message.lastError.message}</span>}
        </MessageBarBody>
      </MessageBar>
    );
  } else if (isPending(message)) {
    const scheduled = message.waitReason === 'SCHEDULED' && message.nextAttemptAt;
    body = (
      <MessageBar intent={message.status === 'RETRYING' ? 'warning' : 'info'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t.compose.queuedTitle}</MessageBarTitle>
          <span className={styles.line}>{scheduled ? t.compose.scheduledBody(formatDateTime(scheduled, language)) : t.compose.queuedBody}</span>
          {message.waitMessage && !scheduled && <span className={styles.line}>{message.waitMessage}</span>}
          {message.lastError && <span className={styles.line}>{message.lastError.message}</span>}
        </MessageBarBody>
      </MessageBar>
    );
  } else {
    body = (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{message.status === 'CANCELLED' ? t.compose.notSent : t.compose.failedTitle}</MessageBarTitle>
          {message.lastError?.message}
        </MessageBarBody>
      </MessageBar>
    );
  }

  return (
    <section className={styles.outcome} aria-live="polite">
      <div className={styles.actions}>
        <StatusBadge status={message.status} />
        <Text weight="semibold">{message.subject}</Text>
      </div>
      {body}
      {message.splitGroupId && <Text>{t.compose.splitNote}</Text>}
      <div className={styles.actions}>
        {actions}
        <RouterLink to={folder.to}>{folder.label}</RouterLink>
      </div>
    </section>
  );
}

import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { messageOf } from '../api/graphql-errors';
import { LoadState, PageFrame } from '../app/page-frame';
import { ConfirmDialog } from '../forms/confirm-dialog';
import { formatDateTime } from '../forms/format-date';
import { sourceLabel, useLanguage, useT } from '../i18n/i18n';
import { DiscardDraftMutation, DraftsQuery } from './drafts.operations';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '880px' },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  text: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, flex: '1 1 240px', minWidth: 0 },
  subject: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  detail: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** Luonnokset: the drafts programs stored for this user, each to open (and send), or to throw away. */
export function DraftsScreen() {
  const t = useT();
  const language = useLanguage();
  const styles = useStyles();
  const drafts = useQuery(DraftsQuery, { fetchPolicy: 'cache-and-network' });
  const [discard, { loading: discarding }] = useMutation(DiscardDraftMutation, { refetchQueries: ['Drafts'], awaitRefetchQueries: true });
  const [asked, setAsked] = useState<{ id: string; subject: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = drafts.data?.drafts ?? [];

  return (
    <PageFrame title={t.drafts.title}>
      {error && (
        <div role="alert">
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t.drafts.discardFailed}</MessageBarTitle>
              {error}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      <LoadState loading={!drafts.data} error={drafts.error} onRetry={() => void drafts.refetch()}>
        {list.length === 0 ? (
          <Text>{t.drafts.empty}</Text>
        ) : (
          <ul className={styles.list} aria-label={t.drafts.list}>
            {list.map((d) => {
              const subject = d.subject || t.drafts.noSubject;
              const recipients = d.to.map((m) => m.formatted).join('; ');
              return (
                <li key={d.id} className={styles.item}>
                  <div className={styles.text}>
                    <span className={styles.subject}>{subject}</span>
                    <span className={styles.detail}>{recipients ? t.drafts.recipients(recipients) : t.drafts.noRecipients}</span>
                    <span className={styles.detail}>
                      {[d.documentRef ? t.compose.documentOf(d.documentRef, sourceLabel(d.source, language)) : sourceLabel(d.source, language), t.drafts.created(formatDateTime(d.createdAt, language), d.createdBy), t.drafts.expires(formatDateTime(d.expiresAt, language))].join(' · ')}
                    </span>
                  </div>
                  <div className={styles.actions}>
                    <RouterLink to={`/send?draft=${encodeURIComponent(d.id)}`} aria-label={t.drafts.openLabel(subject)}>
                      {t.drafts.open}
                    </RouterLink>
                    <Button size="small" aria-label={t.drafts.discardLabel(subject)} onClick={() => setAsked({ id: d.id, subject })}>
                      {t.drafts.discard}
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </LoadState>
      <ConfirmDialog
        open={asked !== null}
        title={t.drafts.discardTitle}
        body={t.drafts.discardBody}
        confirmLabel={t.drafts.discard}
        busy={discarding}
        onConfirm={() => {
          const id = asked?.id;
          setAsked(null);
          setError(null);
          if (id) discard({ variables: { id } }).catch((e: unknown) => setError(messageOf(e, t)));
        }}
        onCancel={() => setAsked(null)}
      />
    </PageFrame>
  );
}

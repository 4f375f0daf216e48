import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Text } from '@fluentui/react-components';
import { userMailSettingsSchema } from '@maestro/settings-schema';
import { messageOf } from '../api/graphql-errors';
import { Notice, type NoticeState } from '../forms/notice';
import { useFieldTexts } from '../i18n/field-texts';
import { useT } from '../i18n/i18n';
import { ConfirmUserSenderMutation, UnconfirmedSendersQuery, UpdateUserMailSettingsMutation } from '../settings/settings.operations';
import { useAdminStyles } from './admin-styles';
import { AdminTable } from './admin-table';

/**
 * Sender addresses and names users typed themselves (before only admins could set them): each user
 * sends as the company until an admin confirms the address here, or clears it.
 */
export function UnconfirmedSenders() {
  const t = useT();
  const styles = useAdminStyles();
  const text = useFieldTexts(userMailSettingsSchema);
  const pending = useQuery(UnconfirmedSendersQuery, { fetchPolicy: 'cache-and-network' });
  const refetch = { refetchQueries: [{ query: UnconfirmedSendersQuery }], awaitRefetchQueries: true };
  const [confirm, confirming] = useMutation(ConfirmUserSenderMutation, refetch);
  const [clear, clearing] = useMutation(UpdateUserMailSettingsMutation, refetch);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const busy = confirming.loading || clearing.loading;
  const rows = pending.data?.unconfirmedSenders ?? [];

  const act = async (run: () => Promise<unknown>, done: string) => {
    setNotice(null);
    try {
      await run();
      setNotice({ intent: 'success', text: done });
    } catch (error) {
      setNotice({ intent: 'error', text: messageOf(error, t) });
    }
  };

  if (rows.length === 0 && !notice) return null;
  return (
    <section className={styles.section} aria-labelledby="unconfirmed-senders-heading">
      <h3 id="unconfirmed-senders-heading" className={styles.heading}>
        {t.security.unconfirmedTitle}
      </h3>
      <Text className={styles.intro}>{t.security.unconfirmedIntro}</Text>
      <Notice notice={notice} />
      <AdminTable
        labelledBy="unconfirmed-senders-heading"
        rows={rows}
        rowKey={(row) => row.userId}
        empty={t.security.noUnconfirmed}
        columns={[
          { header: t.users.username, cell: (row) => row.username },
          { header: text('email').label, cell: (row) => row.email },
          { header: text('senderName').label, cell: (row) => row.senderName },
          {
            header: t.admin.actions,
            cell: (row) => (
              <div className={styles.actions}>
                <Button size="small" appearance="primary" disabled={busy} aria-label={t.security.confirmLabel(row.username)} onClick={() => void act(() => confirm({ variables: { userId: row.userId } }), t.security.confirmed(row.username))}>
                  {t.security.confirm}
                </Button>
                <Button
                  size="small"
                  disabled={busy}
                  aria-label={t.security.rejectLabel(row.username)}
                  onClick={() => void act(() => clear({ variables: { userId: row.userId, input: { email: '', senderName: '' } } }), t.security.rejected(row.username))}
                >
                  {t.security.reject}
                </Button>
              </div>
            ),
          },
        ]}
      />
    </section>
  );
}

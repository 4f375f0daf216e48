import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Text } from '@fluentui/react-components';
import { messageOf } from '../api/graphql-errors';
import { LoadState } from '../app/page-frame';
import { ConfirmDialog } from '../forms/confirm-dialog';
import { formatDateTime } from '../forms/format-date';
import { Notice, type NoticeState } from '../forms/notice';
import { useLanguage, useT } from '../i18n/i18n';
import { useAdminStyles } from './admin-styles';
import { AdminTable } from './admin-table';
import { BouncesQuery, ClearSuppressedAddressMutation } from './bounces.operations';

const DAYS = 30;

/**
 * Palautuneet osoitteet: the company's bounce rate, and the addresses that bounced permanently, which
 * Maestro refuses to send to until an admin clears them here (after checking the address).
 */
export function BouncesPanel() {
  const t = useT();
  const language = useLanguage();
  const styles = useAdminStyles();
  const bounces = useQuery(BouncesQuery, { variables: { days: DAYS }, fetchPolicy: 'cache-and-network' });
  const [clearAddress, { loading: clearing }] = useMutation(ClearSuppressedAddressMutation, { refetchQueries: [{ query: BouncesQuery, variables: { days: DAYS } }] });
  const [pending, setPending] = useState<string | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);

  const clear = async (address: string) => {
    setNotice(null);
    try {
      await clearAddress({ variables: { address } });
      setNotice({ intent: 'success', text: t.bounces.cleared(address) });
    } catch (error) {
      setNotice({ intent: 'error', text: messageOf(error, t) });
    } finally {
      setPending(null);
    }
  };

  const rate = bounces.data?.bounceRate;
  const list = bounces.data?.suppressedAddresses ?? [];
  return (
    <section className={styles.section} aria-labelledby="bounces-heading">
      <h2 id="bounces-heading" className={styles.heading}>
        {t.admin.bounces}
      </h2>
      <Text className={styles.intro}>{t.bounces.intro}</Text>
      <Notice notice={notice} />
      <LoadState loading={!bounces.data} error={bounces.data ? undefined : bounces.error} onRetry={() => void bounces.refetch()}>
        {rate && (
          <p role="status" aria-label={t.bounces.rateLabel}>
            {t.bounces.rate(rate.days, rate.sent, rate.bounced, (rate.rate * 100).toLocaleString(language === 'fi' ? 'fi-FI' : 'en-GB', { maximumFractionDigits: 1 }), rate.delayed)}
          </p>
        )}
        <AdminTable
          labelledBy="bounces-heading"
          rows={list}
          rowKey={(s) => s.address}
          empty={t.bounces.none}
          columns={[
            { header: t.bounces.address, cell: (s) => s.address },
            { header: t.bounces.reply, cell: (s) => [s.status, s.reply].filter(Boolean).join(' – ') },
            { header: t.bounces.since, cell: (s) => formatDateTime(s.createdAt, language) },
            {
              header: t.admin.actions,
              cell: (s) => (
                <Button size="small" aria-label={t.bounces.clearLabel(s.address)} onClick={() => setPending(s.address)}>
                  {t.bounces.clear}
                </Button>
              ),
            },
          ]}
        />
      </LoadState>
      <ConfirmDialog
        open={pending !== null}
        title={t.bounces.clearTitle}
        body={pending ? t.bounces.clearConfirm(pending) : ''}
        confirmLabel={t.bounces.clear}
        busy={clearing}
        onConfirm={() => pending && void clear(pending)}
        onCancel={() => setPending(null)}
      />
    </section>
  );
}

import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Text } from '@fluentui/react-components';
import { messageOf } from '../api/graphql-errors';
import { LoadState } from '../app/page-frame';
import { formatDateTime } from '../forms/format-date';
import { Notice, type NoticeState } from '../forms/notice';
import type { SendingAccountFieldsFragment } from '../gql/graphql';
import type { Dictionary, UiLanguage } from '../i18n/dictionary';
import { useLanguage, useT } from '../i18n/i18n';
import { useAdminStyles } from './admin-styles';
import { AdminTable } from './admin-table';
import { ProbeSendingAccountMutation, SendingAccountsQuery } from './sending-accounts.operations';

/** A park ends by itself within minutes: half a minute keeps the list honest without a flood of requests. */
const POLL_MS = 30_000;
/** After Kokeile nyt the probe goes with the account's next message, usually within seconds. */
const PROBE_POLL_MS = 5_000;

/** A park that ended (by itself or by Kokeile nyt) and waits for its probe message. */
const awaitingProbe = (a: SendingAccountFieldsFragment) => a.parked && !a.parkedUntil;

function stateOf(a: SendingAccountFieldsFragment, t: Dictionary, language: UiLanguage): string {
  if (!a.parked) return t.sendingAccounts.working;
  return a.parkedUntil ? t.sendingAccounts.parkedUntil(formatDateTime(a.parkedUntil, language)) : t.sendingAccounts.awaitingProbe;
}

/**
 * Lähetystilit: the accounts the company's messages leave through, and which of them are parked because
 * their server cannot be reached (their messages wait meanwhile). Kokeile nyt ends a park at once.
 */
export function SendingAccountsPanel() {
  const t = useT();
  const language = useLanguage();
  const styles = useAdminStyles();
  const accounts = useQuery(SendingAccountsQuery, { fetchPolicy: 'cache-and-network' });
  // The answer is one account, cached by its key (apollo-client's typePolicies): its row updates by itself.
  const [probeAccount] = useMutation(ProbeSendingAccountMutation);
  const [probing, setProbing] = useState<string | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);

  const list = accounts.data?.sendingAccounts ?? [];
  const anyAwaitingProbe = list.some(awaitingProbe);
  const { startPolling, stopPolling } = accounts;
  useEffect(() => {
    startPolling(anyAwaitingProbe ? PROBE_POLL_MS : POLL_MS);
    return stopPolling;
  }, [anyAwaitingProbe, startPolling, stopPolling]);

  const probe = async (account: SendingAccountFieldsFragment) => {
    setNotice(null);
    setProbing(account.accountKey);
    try {
      const result = await probeAccount({ variables: { accountKey: account.accountKey } });
      const after = result.data?.probeSendingAccount;
      setNotice({ intent: 'success', text: after && !after.parked ? t.sendingAccounts.probedWorking(account.label) : t.sendingAccounts.probeStarted(account.label) });
    } catch (error) {
      setNotice({ intent: 'error', text: messageOf(error, t) });
    } finally {
      setProbing(null);
    }
  };

  return (
    <section className={styles.section} aria-labelledby="sending-accounts-heading">
      <h2 id="sending-accounts-heading" className={styles.heading}>
        {t.admin.sendingAccounts}
      </h2>
      <Text className={styles.intro}>{t.sendingAccounts.intro}</Text>
      <Notice notice={notice} />
      <LoadState loading={!accounts.data} error={accounts.data ? undefined : accounts.error} onRetry={() => void accounts.refetch()}>
        <AdminTable
          labelledBy="sending-accounts-heading"
          rows={list}
          rowKey={(a) => a.accountKey}
          empty={t.sendingAccounts.none}
          columns={[
            { header: t.sendingAccounts.account, cell: (a) => a.label },
            { header: t.sendingAccounts.state, cell: (a) => stateOf(a, t, language) },
            { header: t.sendingAccounts.reason, cell: (a) => (a.parked ? a.parkMessage : '') },
            { header: t.sendingAccounts.failures, cell: (a) => a.connectionFailures },
            { header: t.sendingAccounts.maxConnections, cell: (a) => a.maxConnections },
            {
              header: t.admin.actions,
              cell: (a) =>
                a.parked &&
                a.parkedUntil && (
                  <Button size="small" aria-label={t.sendingAccounts.probeLabel(a.label)} disabled={probing !== null} onClick={() => void probe(a)}>
                    {t.sendingAccounts.probe}
                  </Button>
                ),
            },
          ]}
        />
      </LoadState>
    </section>
  );
}

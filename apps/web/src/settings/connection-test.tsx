import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, Circle16Regular, DismissCircle16Filled, PlugConnected20Regular, SubtractCircle16Regular } from '@fluentui/react-icons';
import type { SmtpAccountKind } from '@maestro/settings-schema';
import { fieldErrorsOf, messageOf } from '../api/graphql-errors';
import type { TestSmtpConnectionMutation as TestResult } from '../gql/graphql';
import { useT } from '../i18n/i18n';
import { TestSmtpConnectionMutation } from './settings.operations';
import { smtpAccountInput, type SmtpAccountForm } from './smtp-account-form';

const STAGES = ['CONNECT', 'TLS', 'AUTH'] as const;
type Stage = (typeof STAGES)[number];
export type StageOutcome = 'ok' | 'failed' | 'notReached' | 'notUsed';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  stages: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  stage: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  name: { minWidth: '8em', fontWeight: tokens.fontWeightSemibold },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
  reply: { fontFamily: 'Consolas, "Courier New", monospace', overflowWrap: 'anywhere' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  checks: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

/**
 * Each stage of the test as the user reads it: passed, failed, not reached (an earlier stage failed),
 * or not used (no encryption, no sign-in) — from where the API says the test stopped.
 */
export function stageOutcomes(result: Pick<TestResult['testSmtpConnection'], 'ok' | 'stage'>, account: Pick<SmtpAccountForm, 'encryption' | 'authEnabled'>): Record<Stage, StageOutcome> {
  const failedAt = result.ok ? -1 : STAGES.indexOf(result.stage as Stage);
  const outcome = (stage: Stage, index: number): StageOutcome => {
    if (failedAt >= 0 && index > failedAt) return 'notReached';
    if (index === failedAt) return 'failed';
    if (stage === 'TLS' && account.encryption === 'NONE') return 'notUsed';
    if (stage === 'AUTH' && !account.authEnabled) return 'notUsed';
    return 'ok';
  };
  return { CONNECT: outcome('CONNECT', 0), TLS: outcome('TLS', 1), AUTH: outcome('AUTH', 2) };
}

const IMAP_STAGES = ['CONNECT', 'TLS', 'AUTH', 'SENT_FOLDER'] as const;
type ImapStage = (typeof IMAP_STAGES)[number];
type ImapResult = NonNullable<TestResult['testSmtpConnection']['imap']>;

/** The IMAP stages as the user reads them: passed, failed, or not reached after a failure. IMAP is always encrypted and signed in. */
export function imapStageOutcomes(result: Pick<ImapResult, 'ok' | 'stage'>): Record<ImapStage, StageOutcome> {
  const failedAt = result.ok ? -1 : IMAP_STAGES.indexOf(result.stage as ImapStage);
  const outcome = (index: number): StageOutcome => (failedAt < 0 ? 'ok' : index < failedAt ? 'ok' : index === failedAt ? 'failed' : 'notReached');
  return { CONNECT: outcome(0), TLS: outcome(1), AUTH: outcome(2), SENT_FOLDER: outcome(3) };
}

type SenderDomain = NonNullable<TestResult['testSmtpConnection']['senderDomain']>;

const VERDICT_INTENT: Record<string, 'success' | 'warning' | 'error' | 'info'> = { OK: 'success', SPAM_LIKELY: 'warning', REJECTED_LIKELY: 'error', UNKNOWN: 'info' };

/** What receivers will make of the sender's domain: the verdict in plain words, then SPF, DKIM and DMARC. */
function SenderDomainReport({ check }: { check: SenderDomain }) {
  const t = useT();
  const styles = useStyles();
  return (
    <MessageBar intent={VERDICT_INTENT[check.verdict] ?? 'info'} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{`${t.connectionTest.senderDomain(check.domain)} – ${t.connectionTest.verdict[check.verdict] ?? check.verdict}`}</MessageBarTitle>
        <div>{check.message}</div>
        <ul className={styles.checks} aria-label={t.connectionTest.senderDomain(check.domain)}>
          {[check.spf, check.dkim, check.dmarc].map((part) => (
            <li key={part.message}>{part.message}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * Which stored account the API starts from: the company's, the SMS account, the caller's own, or
 * (admins) another user's, named by id.
 */
export type ConnectionTestTarget = { kind: Exclude<SmtpAccountKind, 'USER'>; userId?: never } | { kind: 'USER'; userId: string };

export type ConnectionTestProps = ConnectionTestTarget & {
  /** The block as edited now; the test sends it as `changes` (a secret only when typed or cleared). */
  account: SmtpAccountForm;
  /** Test the saved account as it is, without the form's changes (a user's own page: only admins try other servers). */
  savedOnly?: boolean;
};

/**
 * "Testaa yhteys": connect, TLS, AUTH and QUIT against the server with the form's values, saved or
 * not; no message is sent. Shows each stage, the server's last reply and what to do.
 */
export function ConnectionTest({ kind, userId, account, savedOnly }: ConnectionTestProps) {
  const t = useT();
  const styles = useStyles();
  const [run, state] = useMutation(TestSmtpConnectionMutation);
  const [tested, setTested] = useState<{ result: TestResult['testSmtpConnection']; account: SmtpAccountForm } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const test = async () => {
    setError(null);
    setTested(null);
    const snapshot = account;
    try {
      const { data } = await run({ variables: { account: kind, userId, changes: savedOnly ? undefined : smtpAccountInput(snapshot) } });
      if (data) setTested({ result: data.testSmtpConnection, account: snapshot });
    } catch (e) {
      const fields = fieldErrorsOf(e);
      setError(fields.length > 0 ? fields.map((f) => f.message).join(' ') : messageOf(e, t));
    }
  };

  const icon = (outcome: StageOutcome) => {
    if (outcome === 'ok') return <CheckmarkCircle16Filled className={styles.ok} aria-hidden />;
    if (outcome === 'failed') return <DismissCircle16Filled className={styles.failed} aria-hidden />;
    if (outcome === 'notUsed') return <SubtractCircle16Regular className={styles.muted} aria-hidden />;
    return <Circle16Regular className={styles.muted} aria-hidden />;
  };

  const outcomes = tested ? stageOutcomes(tested.result, tested.account) : null;
  // A result is about the values it tested: once the form differs, say so rather than vouch for it.
  const stale = tested !== null && JSON.stringify(smtpAccountInput(account)) !== JSON.stringify(smtpAccountInput(tested.account));
  // Nothing to connect to yet (a user's own block is optional and usually empty).
  const noHost = account.host.trim() === '';
  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Button icon={<PlugConnected20Regular />} disabled={state.loading || noHost} onClick={() => void test()}>
          {t.connectionTest.button}
        </Button>
        {state.loading && <Spinner size="tiny" label={t.connectionTest.testing} />}
      </div>
      <Text className={styles.hint}>{noHost ? t.connectionTest.noHost : t.connectionTest.hint}</Text>
      {error && (
        <div role="alert">
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t.connectionTest.failedTitle}</MessageBarTitle>
              {error}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      {tested && outcomes && (
        <div role="status" aria-label={t.connectionTest.result} data-stale={stale || undefined}>
          {stale && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{t.connectionTest.stale}</MessageBarBody>
            </MessageBar>
          )}
          <MessageBar intent={stale ? 'info' : tested.result.ok ? 'success' : 'error'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{tested.result.ok ? t.connectionTest.okTitle : t.connectionTest.failedTitle}</MessageBarTitle>
              <ul className={styles.stages} aria-label={t.connectionTest.result}>
                {STAGES.map((stage) => (
                  <li key={stage} className={styles.stage} data-outcome={outcomes[stage]}>
                    {icon(outcomes[stage])}
                    <span className={styles.name}>{t.connectionTest.stages[stage]}</span>
                    <span>{t.connectionTest.outcome[outcomes[stage]]}</span>
                  </li>
                ))}
              </ul>
              {tested.result.message && <div>{tested.result.message}</div>}
              {tested.result.reply && (
                <div>
                  {t.connectionTest.reply}: <span className={styles.reply}>{tested.result.reply}</span>
                </div>
              )}
              <div>{t.connectionTest.secure(tested.result.secure)}</div>
              {tested.result.ehloName && <div>{t.connectionTest.ehloName(tested.result.ehloName)}</div>}
            </MessageBarBody>
          </MessageBar>
          {tested.result.imap && (
            <MessageBar intent={stale ? 'info' : tested.result.imap.ok ? 'success' : 'error'} layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{tested.result.imap.ok ? t.connectionTest.imapOkTitle : t.connectionTest.imapFailedTitle}</MessageBarTitle>
                <ul className={styles.stages} aria-label={t.connectionTest.imapResult}>
                  {IMAP_STAGES.map((stage) => {
                    const imapOutcome = imapStageOutcomes(tested.result.imap as ImapResult)[stage];
                    return (
                      <li key={stage} className={styles.stage} data-outcome={imapOutcome}>
                        {icon(imapOutcome)}
                        <span className={styles.name}>{t.connectionTest.imapStages[stage]}</span>
                        <span>{t.connectionTest.outcome[imapOutcome]}</span>
                      </li>
                    );
                  })}
                </ul>
                {tested.result.imap.message && <div>{tested.result.imap.message}</div>}
                {tested.result.imap.sentFolder && <div>{t.connectionTest.sentFolder(tested.result.imap.sentFolder, tested.result.imap.sentFolderFoundBy ?? '')}</div>}
              </MessageBarBody>
            </MessageBar>
          )}
          {tested.result.senderDomain && <SenderDomainReport check={tested.result.senderDomain} />}
        </div>
      )}
    </div>
  );
}

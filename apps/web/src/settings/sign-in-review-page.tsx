import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  Button,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { KeyMultiple20Regular } from '@fluentui/react-icons';
import { defaultSmtpAccount, microsoftOAuthSwitch, smtpAccountSchema, validateSmtpAccount, type MicrosoftOAuthDetails } from '@maestro/settings-schema';
import { fieldErrorsOf, messageOf, type FieldError } from '../api/graphql-errors';
import { LoadState, PageFrame } from '../app/page-frame';
import { ErrorSummary } from '../forms/error-summary';
import { scoped } from '../forms/field-messages';
import { TextField } from '../forms/text-field';
import type { SignInReviewFieldsFragment } from '../gql/graphql';
import { useFieldTexts, useLabelOfPath } from '../i18n/field-texts';
import { useLanguage, useT } from '../i18n/i18n';
import type { UiLanguage } from '../i18n/dictionary';
import { SignInReviewQuery, SwitchToMicrosoftOAuthMutation } from './sign-in-review.operations';

type Account = SignInReviewFieldsFragment['accounts'][number];

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '760px' },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, '& dd': { margin: 0, overflowWrap: 'anywhere' } },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const FIELDS = ['oauthTenantId', 'oauthClientId', 'oauthClientSecret', 'oauthClientSecretExpiresAt', 'oauthUser'] as const;

/** The login as the mailbox to send as, when it is an address (else the admin gives one). */
const mailboxOf = (login: string) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(login.trim()) ? login.trim() : '');

/**
 * What the switch would save, checked with the server's own rules: the OAuth2 preset over an
 * account signing in as `login` (the stored record stays on the server; its other fields are kept there).
 */
function problemsOf(details: MicrosoftOAuthDetails, login: string, language: UiLanguage): FieldError[] {
  const account = { ...defaultSmtpAccount(), host: 'smtp.office365.com', username: login };
  const result = validateSmtpAccount({ ...account, ...microsoftOAuthSwitch(account, details) });
  return result.ok ? [] : result.problems.filter((p) => (FIELDS as readonly string[]).includes(p.path)).map((p) => ({ field: p.path, code: p.code, message: p.message[language] }));
}

interface SwitchDialogProps {
  account: Account;
  title: string;
  onDone: (review: SignInReviewFieldsFragment) => void;
  onCancel: () => void;
}

/** The guided switch: the OAuth2 details for one account; everything else of the account is kept. */
function SwitchDialog({ account, title, onDone, onCancel }: SwitchDialogProps) {
  const t = useT();
  const language = useLanguage();
  const styles = useStyles();
  const text = useFieldTexts(smtpAccountSchema);
  const labelOf = useLabelOfPath(smtpAccountSchema);
  const [source, setSource] = useState<'client' | 'server' | null>(null);
  const [details, setDetails] = useState<MicrosoftOAuthDetails>({ oauthTenantId: '', oauthClientId: '', oauthClientSecret: '', oauthClientSecretExpiresAt: '', oauthUser: mailboxOf(account.login) });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [run, state] = useMutation(SwitchToMicrosoftOAuthMutation);
  const messages = { errors, warnings: [] };
  const field = (path: (typeof FIELDS)[number]) => ({
    path,
    messages,
    label: text(path).label,
    hint: path === 'oauthUser' ? t.signIn.mailboxHint : text(path).help,
    value: details[path],
    onChange: (value: string) => {
      setDetails({ ...details, [path]: value });
      setErrors(errors.filter((e) => e.field !== path));
    },
  });

  const submit = async () => {
    setGeneralError(null);
    const found = problemsOf(details, account.login, language);
    if (found.length > 0) {
      setErrors(found);
      setSource('client');
      return;
    }
    try {
      const { data } = await run({ variables: { account: account.kind, userId: account.userId, input: details } });
      if (data) onDone(data.switchToMicrosoftOAuth);
    } catch (e) {
      const fields = fieldErrorsOf(e);
      // The API names the account's fields (smtp.oauthTenantId); the dialog shows them as its own.
      const own = scoped({ errors: fields, warnings: [] }, 'smtp').errors;
      setErrors([...own]);
      setSource('server');
      const elsewhere = fields.filter((f) => !f.field.startsWith('smtp.'));
      if (own.length === 0 || elsewhere.length > 0) setGeneralError(elsewhere.length > 0 ? elsewhere.map((f) => f.message).join(' ') : messageOf(e, t));
    }
  };

  return (
    <Dialog open onOpenChange={(_e, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t.signIn.switchTitle(title)}</DialogTitle>
          <DialogContent>
            <div className={styles.fields}>
              <Text>{t.signIn.switchIntro}</Text>
              <ErrorSummary errors={errors} source={source} generalError={generalError} labelOf={labelOf} />
              <TextField {...field('oauthTenantId')} autoComplete="off" />
              <TextField {...field('oauthClientId')} autoComplete="off" />
              <TextField {...field('oauthClientSecret')} type="password" autoComplete="new-password" />
              <TextField {...field('oauthClientSecretExpiresAt')} type="date" />
              <TextField {...field('oauthUser')} type="email" autoComplete="off" />
            </div>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={state.loading} onClick={() => void submit()}>
              {t.signIn.switch}
            </Button>
            <Button disabled={state.loading} onClick={onCancel}>
              {t.dialog.cancel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/**
 * Salasanoista luopuminen (admin): every SMTP account of the company — its own, the SMS one and each
 * user's — that signs in with a password on a Microsoft host or whose app secret is expiring, with
 * Microsoft's dates and a guided switch to OAuth2 that keeps the rest of the account.
 */
export function SignInReviewPage() {
  const t = useT();
  const styles = useStyles();
  const text = useFieldTexts(smtpAccountSchema);
  const query = useQuery(SignInReviewQuery, { fetchPolicy: 'network-only' });
  const [latest, setLatest] = useState<SignInReviewFieldsFragment | null>(null);
  const [switching, setSwitching] = useState<Account | null>(null);
  const [switched, setSwitched] = useState(false);
  const review = latest ?? query.data?.signInReview ?? null;
  const titleOf = (a: Account) => t.signIn.account(t.signIn.kinds[a.kind] ?? a.kind, a.userName);

  return (
    <PageFrame title={t.signIn.title}>
      <LoadState loading={!review} error={query.error} onRetry={() => void query.refetch()}>
        {review && (
          <>
            <Text>{t.signIn.intro(review.basicAuthOffByDefaultText, review.basicAuthFinalRemovalText)}</Text>
            {switched && (
              <MessageBar intent="success">
                <MessageBarBody>{t.signIn.switched}</MessageBarBody>
              </MessageBar>
            )}
            {review.accounts.length === 0 ? (
              <MessageBar intent="success" layout="multiline">
                <MessageBarBody>{t.signIn.none}</MessageBarBody>
              </MessageBar>
            ) : (
              <ul className={styles.list} aria-label={t.signIn.title}>
                {review.accounts.map((account) => (
                  <li key={`${account.kind}:${account.userId ?? ''}`}>
                    <Card className={styles.card}>
                      <h2 className={styles.heading}>{titleOf(account)}</h2>
                      <dl className={styles.facts}>
                        <dt>{text('host').label}</dt>
                        <dd>{account.host}</dd>
                        <dt>{t.signIn.login}</dt>
                        <dd>{account.login}</dd>
                        {account.clientSecretExpiresAt && (
                          <>
                            <dt>{t.signIn.secretExpiresAt}</dt>
                            <dd>{account.clientSecretExpiresAt}</dd>
                          </>
                        )}
                      </dl>
                      {account.attention.map((a) => (
                        <MessageBar key={a.reason} intent={a.reason === 'CLIENT_SECRET_EXPIRED' ? 'error' : 'warning'} layout="multiline">
                          <MessageBarBody>{a.message}</MessageBarBody>
                        </MessageBar>
                      ))}
                      {account.canSwitchToOAuth && (
                        <div className={styles.actions}>
                          <Button icon={<KeyMultiple20Regular />} onClick={() => setSwitching(account)}>
                            {t.signIn.switch}
                          </Button>
                        </div>
                      )}
                    </Card>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </LoadState>
      {switching && (
        <SwitchDialog
          account={switching}
          title={titleOf(switching)}
          onCancel={() => setSwitching(null)}
          onDone={(next) => {
            setLatest(next);
            setSwitching(null);
            setSwitched(true);
          }}
        />
      )}
    </PageFrame>
  );
}

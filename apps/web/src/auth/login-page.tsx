import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useMutation } from '@apollo/client/react';
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { messageOf } from '../api/graphql-errors';
import { LanguagePicker } from '../app/language-picker';
import { NARROW } from '../app/layout';
import { useT } from '../i18n/i18n';
import { LoginMutation } from './auth.operations';
import { sessionStore, useSessionState } from './session-store';

const useStyles = makeStyles({
  page: { minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', backgroundColor: tokens.colorNeutralBackground2 },
  card: {
    [NARROW]: { padding: tokens.spacingHorizontalL },
    width: '360px',
    maxWidth: 'calc(100% - 16px)',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow16,
  },
  product: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  footer: { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
});

/** Kirjaudu sisään: the token goes to sessionStorage; the API's refusals (throttling included) are shown as they come. */
export function LoginPage() {
  const t = useT();
  const styles = useStyles();
  const location = useLocation();
  const { session, ended, restoring } = useSessionState();
  const [login, { loading }] = useMutation(LoginMutation);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (session) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }
  // A signed-in browser's new tab is getting its session: no login form meanwhile.
  if (restoring) {
    return (
      <main className={styles.page}>
        <Spinner label={t.app.loading} />
      </main>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setError(t.login.required);
      return;
    }
    setError(null);
    try {
      const result = await login({ variables: { username: username.trim(), password } });
      if (!result.data) throw new Error('The API answered without data.');
      sessionStore.start({ token: result.data.login.token, expiresAt: result.data.login.expiresAt });
    } catch (err) {
      setError(messageOf(err, t));
      setPassword('');
    }
  };

  return (
    <main className={styles.page}>
      <form className={styles.card} onSubmit={(event) => void submit(event)} aria-labelledby="login-title" noValidate>
        <span className={styles.product}>{t.app.name}</span>
        <h1 id="login-title" className={styles.title}>
          {t.login.title}
        </h1>
        {ended === 'expired' && !error && (
          <MessageBar intent="warning">
            <MessageBarBody>{t.login.sessionExpired}</MessageBarBody>
          </MessageBar>
        )}
        {error && (
          <div role="alert">
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t.login.failedTitle}</MessageBarTitle>
                {error}
              </MessageBarBody>
            </MessageBar>
          </div>
        )}
        <Field label={t.login.username}>
          <Input autoComplete="username" value={username} onChange={(_e, data) => setUsername(data.value)} />
        </Field>
        <Field label={t.login.password}>
          <Input type="password" autoComplete="current-password" value={password} onChange={(_e, data) => setPassword(data.value)} />
        </Field>
        <div className={styles.footer}>
          <LanguagePicker />
          <Button type="submit" appearance="primary" disabled={loading}>
            {loading ? t.login.submitting : t.login.submit}
          </Button>
        </div>
      </form>
    </main>
  );
}

import { Suspense, useEffect, useRef } from 'react';
import { NavLink, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { Button, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { SignOut20Regular } from '@fluentui/react-icons';
import { MeQuery } from '../auth/auth.operations';
import { MeContext, type Me } from '../auth/me-context';
import { sessionStore, useSessionState } from '../auth/session-store';
import { useLanguage, useT } from '../i18n/i18n';
import { LanguagePicker } from './language-picker';
import { NotFoundScreen } from './not-found-screen';
import { LoadState } from './page-frame';
import { screensFor } from './screens';

const useStyles = makeStyles({
  shell: { display: 'flex', flexDirection: 'column', height: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  topBar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `0 ${tokens.spacingHorizontalL}`,
    height: '48px',
    flexShrink: 0,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  product: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, marginRight: 'auto' },
  who: { color: tokens.colorNeutralForegroundOnBrand },
  tools: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1, borderRadius: tokens.borderRadiusMedium, padding: `2px ${tokens.spacingHorizontalS}` },
  body: { display: 'flex', flex: 1, minHeight: 0 },
  rail: {
    width: '220px',
    flexShrink: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  navLink: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground3Hover },
  },
  navLinkActive: { backgroundColor: tokens.colorNeutralBackground1Selected, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  main: { flex: 1, overflowY: 'auto', backgroundColor: tokens.colorNeutralBackground1 },
  centered: { padding: tokens.spacingHorizontalXXL },
});

/** The signed-in add-in; without a session it sends the user to Kirjaudu sisään. */
export function AppShell() {
  const location = useLocation();
  const { session } = useSessionState();
  if (!session) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <SignedIn />;
}

function SignedIn() {
  const t = useT();
  const styles = useStyles();
  const me = useQuery(MeQuery, { fetchPolicy: 'network-only' });
  useRefetchOnLanguageChange();

  const loaded = me.data?.me;
  const user = loaded?.user;
  const noUser = !!loaded && !user;
  useEffect(() => {
    // A service key's token has no user: the add-in is for people, so that session ends here.
    if (noUser) sessionStore.end('logout');
  }, [noUser]);

  if (!loaded || !user) {
    return (
      <div className={styles.centered}>
        <LoadState loading={me.loading || noUser} error={me.error} onRetry={() => void me.refetch()}>
          {null}
        </LoadState>
      </div>
    );
  }
  const current: Me = { ...loaded, user };
  const screens = screensFor(user.role);

  return (
    <MeContext.Provider value={current}>
      <div className={styles.shell}>
        <header className={styles.topBar}>
          <span className={styles.product}>{t.app.name}</span>
          <Text className={styles.who}>{t.app.signedInAs(user.displayName || user.username, current.companyName)}</Text>
          <div className={styles.tools}>
            <LanguagePicker />
            <Button appearance="subtle" size="small" icon={<SignOut20Regular />} onClick={() => sessionStore.end('logout')}>
              {t.app.logout}
            </Button>
          </div>
        </header>
        <div className={styles.body}>
          <nav className={styles.rail} aria-label={t.app.mainNav}>
            {screens.filter((s) => s.inNav).map((s) => (
              <NavLink key={s.id} to={s.to} end={s.to === '/'} className={({ isActive }) => mergeClasses(styles.navLink, isActive && styles.navLinkActive)}>
                <s.icon aria-hidden />
                <span>{s.label(t)}</span>
              </NavLink>
            ))}
          </nav>
          <main className={styles.main}>
            <Suspense fallback={<Spinner className={styles.centered} label={t.app.loading} />}>
              <Routes>
                {screens.map((s) => (
                  <Route key={s.id} path={s.path} element={<s.component />} />
                ))}
                <Route path="*" element={<NotFoundScreen />} />
              </Routes>
            </Suspense>
          </main>
        </div>
      </div>
    </MeContext.Provider>
  );
}

/** The API answers in the request's language: after a switch, what is on screen is asked again. */
function useRefetchOnLanguageChange() {
  const client = useApolloClient();
  const language = useLanguage();
  const previous = useRef(language);
  useEffect(() => {
    if (previous.current === language) return;
    previous.current = language;
    void client.refetchQueries({ include: 'active' });
  }, [client, language]);
}

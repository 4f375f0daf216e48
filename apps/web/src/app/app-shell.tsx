import { Suspense, useEffect, useRef, useState } from 'react';
import { NavLink, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Button, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Dismiss20Regular, Navigation20Regular, SignOut20Regular } from '@fluentui/react-icons';
import { LogoutMutation, MeQuery } from '../auth/auth.operations';
import { MeContext, type Me } from '../auth/me-context';
import { sessionStore, useSessionState } from '../auth/session-store';
import { useLanguage, useT } from '../i18n/i18n';
import { LanguagePicker } from './language-picker';
import { NotFoundScreen } from './not-found-screen';
import { LoadState } from './page-frame';
import { NARROW } from './layout';
import { screensFor } from './screens';

const useStyles = makeStyles({
  // One window high (the main area scrolls), edge to edge: no frame around the app.
  shell: { display: 'flex', flexDirection: 'column', height: '100dvh', backgroundColor: tokens.colorNeutralBackground2 },
  topBar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `0 ${tokens.spacingHorizontalL}`,
    height: '48px',
    flexShrink: 0,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    [NARROW]: { gap: tokens.spacingHorizontalS, padding: `0 ${tokens.spacingHorizontalS}` },
  },
  // The menu button exists only where the rail is folded away (a task pane, a phone).
  menuButton: { display: 'none', color: tokens.colorNeutralForegroundOnBrand, [NARROW]: { display: 'inline-flex' } },
  product: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, marginRight: 'auto', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 },
  who: { color: tokens.colorNeutralForegroundOnBrand, [NARROW]: { display: 'none' } },
  railWho: { display: 'none', padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, color: tokens.colorNeutralForeground2, [NARROW]: { display: 'block' } },
  tools: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusMedium,
    padding: `2px ${tokens.spacingHorizontalS}`,
    flexShrink: 0,
    [NARROW]: { gap: tokens.spacingHorizontalXS, padding: `2px ${tokens.spacingHorizontalXS}` },
  },
  logoutText: { [NARROW]: { display: 'none' } },
  body: { display: 'flex', flex: 1, minHeight: 0, position: 'relative' },
  rail: {
    width: '220px',
    flexShrink: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowY: 'auto',
    // Folded away in a narrow pane; the menu button lays it over the screen.
    [NARROW]: { display: 'none', position: 'absolute', top: 0, bottom: 0, left: 0, zIndex: 10, width: 'min(280px, 85%)', boxShadow: tokens.shadow28 },
  },
  railOpen: { [NARROW]: { display: 'flex' } },
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
  main: { flex: 1, minWidth: 0, overflowY: 'auto', overflowX: 'hidden', backgroundColor: tokens.colorNeutralBackground1 },
  centered: { padding: tokens.spacingHorizontalXXL },
});

/** The signed-in add-in; without a session it sends the user to Kirjaudu sisään. */
export function AppShell() {
  const location = useLocation();
  const { session, restoring } = useSessionState();
  const t = useT();
  if (!session && restoring) return <Spinner label={t.app.loading} />;
  if (!session) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <SignedIn />;
}

function SignedIn() {
  const t = useT();
  const styles = useStyles();
  const [navOpen, setNavOpen] = useNavDrawer();
  const me = useQuery(MeQuery, { fetchPolicy: 'network-only' });
  const [logout, { loading: loggingOut }] = useMutation(LogoutMutation);
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
  const who = t.app.signedInAs(user.displayName || user.username, current.companyName);

  return (
    <MeContext.Provider value={current}>
      <div className={styles.shell}>
        <header className={styles.topBar}>
          <NavToggle open={navOpen} onToggle={() => setNavOpen((o) => !o)} className={styles.menuButton} />
          <span className={styles.product}>{t.app.name}</span>
          <Text className={styles.who}>{who}</Text>
          <div className={styles.tools}>
            <LanguagePicker />
            <Button
              appearance="subtle"
              size="small"
              icon={<SignOut20Regular />}
              aria-label={t.app.logout}
              disabled={loggingOut}
              onClick={() => {
                // The API ends every token and the refresh cookie; this tab forgets its token whatever it answers.
                void logout()
                  .catch(() => undefined)
                  .finally(() => sessionStore.end('logout'));
              }}
            >
              <span className={styles.logoutText}>{t.app.logout}</span>
            </Button>
          </div>
        </header>
        <div className={styles.body}>
          <nav id={NAV_ID} className={mergeClasses(styles.rail, navOpen && styles.railOpen)} aria-label={t.app.mainNav}>
            <Text className={styles.railWho}>{who}</Text>
            {screens
              .filter((s) => s.inNav)
              .map((s) => (
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

const NAV_ID = 'main-nav';

/** Valikko: opens and closes the folded navigation of a narrow pane. */
function NavToggle({ open, onToggle, className }: { open: boolean; onToggle: () => void; className: string }) {
  const t = useT();
  return (
    <Button
      appearance="transparent"
      className={className}
      icon={open ? <Dismiss20Regular /> : <Navigation20Regular />}
      aria-label={open ? t.app.closeMenu : t.app.openMenu}
      aria-expanded={open}
      aria-controls={NAV_ID}
      onClick={onToggle}
    />
  );
}

/** Whether the folded navigation is open: it closes when a screen is chosen and on Escape. */
function useNavDrawer(): [boolean, (update: (open: boolean) => boolean) => void] {
  const location = useLocation();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return [open, setOpen];
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

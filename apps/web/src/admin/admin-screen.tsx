import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Link, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { Code20Regular } from '@fluentui/react-icons';
import { PageFrame } from '../app/page-frame';
import { NotFoundScreen } from '../app/not-found-screen';
import { useT } from '../i18n/i18n';
import { BouncesPanel } from './bounces-panel';
import { SendPoliciesPanel } from './send-policies-panel';
import { SendingAccountsPanel } from './sending-accounts-panel';
import { ServiceKeysPanel } from './service-keys-panel';
import { StandardTextsPanel } from './standard-texts-panel';
import { UserMailSettingsScreen } from './user-mail-settings-screen';
import { UsersPanel } from './users-panel';

const SECTIONS = ['users', 'service-keys', 'send-policies', 'standard-texts', 'bounces', 'sending-accounts'] as const;
type Section = (typeof SECTIONS)[number];

const useStyles = makeStyles({
  playground: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

/** Ylläpito (admin only; the API refuses these operations to users anyway). */
export function AdminScreen() {
  const t = useT();
  const styles = useStyles();
  const navigate = useNavigate();
  const location = useLocation();
  const section = SECTIONS.find((s) => location.pathname.startsWith(`/admin/${s}`)) ?? 'users';
  const labels: Record<Section, string> = {
    users: t.admin.users,
    'service-keys': t.admin.serviceKeys,
    'send-policies': t.admin.sendPolicies,
    'standard-texts': t.admin.standardTexts,
    bounces: t.admin.bounces,
    'sending-accounts': t.admin.sendingAccounts,
  };

  return (
    <PageFrame
      title={t.admin.title}
      commands={
        // The API serves the GraphiQL playground to browsers at GET /graphql.
        <Link href="/graphql" className={styles.playground} title={t.admin.playgroundHint}>
          <Code20Regular aria-hidden />
          {t.admin.playground}
        </Link>
      }
    >
      <nav aria-label={t.admin.title}>
        <TabList selectedValue={section} onTabSelect={(_e, data) => void navigate(`/admin/${data.value as Section}`)}>
          {SECTIONS.map((s) => (
            <Tab key={s} value={s}>
              {labels[s]}
            </Tab>
          ))}
        </TabList>
      </nav>
      <Routes>
        <Route index element={<Navigate to="users" replace />} />
        <Route path="users" element={<UsersPanel />} />
        <Route path="users/:userId/mail" element={<UserMailSettingsScreen />} />
        <Route path="service-keys" element={<ServiceKeysPanel />} />
        <Route path="send-policies" element={<SendPoliciesPanel />} />
        <Route path="standard-texts" element={<StandardTextsPanel />} />
        <Route path="bounces" element={<BouncesPanel />} />
        <Route path="sending-accounts" element={<SendingAccountsPanel />} />
        <Route path="*" element={<NotFoundScreen />} />
      </Routes>
    </PageFrame>
  );
}

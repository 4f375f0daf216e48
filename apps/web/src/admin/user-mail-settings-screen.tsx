import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { Text } from '@fluentui/react-components';
import { LoadState } from '../app/page-frame';
import { UserMailSettingsQuery, UpdateUserMailSettingsMutation } from '../settings/settings.operations';
import { UserMailSettingsEditor } from '../settings/user-mail-settings-editor';
import { useT } from '../i18n/i18n';
import { UsersQuery } from './admin.operations';
import { useAdminStyles } from './admin-styles';

/** An admin editing another user's Sähköposti määrittely (userMailSettings / updateUserMailSettings). */
export function UserMailSettingsScreen() {
  const t = useT();
  const styles = useAdminStyles();
  const navigate = useNavigate();
  const { userId = '' } = useParams();
  const users = useQuery(UsersQuery, { fetchPolicy: 'cache-first' });
  const settings = useQuery(UserMailSettingsQuery, { variables: { userId }, fetchPolicy: 'network-only' });
  const [update] = useMutation(UpdateUserMailSettingsMutation);
  const user = users.data?.users.find((u) => u.id === userId);
  const close = () => void navigate('/admin/users');

  if (users.data && !user) {
    return (
      <section className={styles.section}>
        <Text>{t.users.notFound}</Text>
        <RouterLink to="/admin/users">{t.users.backToUsers}</RouterLink>
      </section>
    );
  }

  const data = settings.data?.userMailSettings;
  return (
    <section className={styles.section} aria-labelledby="user-mail-heading">
      <h2 id="user-mail-heading" className={styles.heading}>
        {t.settings.userSettingsTitle(user ? user.displayName || user.username : '')}
      </h2>
      <LoadState loading={!data} error={settings.error ?? users.error} onRetry={() => void settings.refetch()}>
        {data && (
          <UserMailSettingsEditor
            connectionTest={{ kind: 'USER', userId }}
            data={data}
            onClose={close}
            save={async (input) => {
              const result = await update({ variables: { userId, input } });
              if (!result.data) throw new Error('The API answered without data.');
              return result.data.updateUserMailSettings;
            }}
          />
        )}
      </LoadState>
    </section>
  );
}

import { useMutation, useQuery } from '@apollo/client/react';
import { LoadState, PageFrame } from '../app/page-frame';
import { ChangePasswordForm } from '../auth/change-password-form';
import { useT } from '../i18n/i18n';
import { MyMailSettingsQuery, UpdateMyMailSettingsMutation } from './settings.operations';
import { UserMailSettingsEditor } from './user-mail-settings-editor';

export interface MyMailSettingsPageProps {
  onClose: () => void;
}

/** Sähköposti määrittely of the logged-in user (every user), and their own password. */
export function MyMailSettingsPage({ onClose }: MyMailSettingsPageProps) {
  const t = useT();
  const query = useQuery(MyMailSettingsQuery, { fetchPolicy: 'network-only' });
  const [update] = useMutation(UpdateMyMailSettingsMutation);
  const data = query.data?.myMailSettings;
  return (
    <PageFrame title={t.settings.mySettingsTitle}>
      <LoadState loading={!data} error={query.error} onRetry={() => void query.refetch()}>
        {data && (
          <UserMailSettingsEditor
            selfService
            connectionTest={{ kind: 'MINE' }}
            data={data}
            onClose={onClose}
            save={async (input) => {
              const result = await update({ variables: { input } });
              if (!result.data) throw new Error('The API answered without data.');
              return result.data.updateMyMailSettings;
            }}
          />
        )}
      </LoadState>
      <ChangePasswordForm />
    </PageFrame>
  );
}

import { Link as RouterLink } from 'react-router-dom';
import { Text } from '@fluentui/react-components';
import { useT } from '../i18n/i18n';
import { PageFrame } from './page-frame';

/** Unknown paths, and admin screens for a user: the API would refuse them anyway. */
export function NotFoundScreen() {
  const t = useT();
  return (
    <PageFrame title={t.notFound.title}>
      <Text>{t.notFound.body}</Text>
      <RouterLink to="/">{t.notFound.back}</RouterLink>
    </PageFrame>
  );
}

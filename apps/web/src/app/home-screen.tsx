import { Link as RouterLink } from 'react-router-dom';
import { Card, CardHeader, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMe } from '../auth/me-context';
import { useT } from '../i18n/i18n';
import { PageFrame } from './page-frame';
import { screensFor } from './screens';

const useStyles = makeStyles({
  cards: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(260px, 100%), 1fr))', gap: tokens.spacingHorizontalL },
  link: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold, textDecoration: 'none' },
});

/** Where the add-in opens: who is logged in, and the screens this user may open. */
export function HomeScreen() {
  const t = useT();
  const styles = useStyles();
  const me = useMe();
  const screens = screensFor(me.user.role).filter((s) => s.description);
  return (
    <PageFrame title={t.home.welcome(me.user.displayName || me.user.username)}>
      <Text>{t.home.intro(me.companyName)}</Text>
      <div className={styles.cards}>
        {screens.map((s) => (
          <Card key={s.id}>
            <CardHeader
              image={<s.icon />}
              header={
                <RouterLink className={styles.link} to={s.to}>
                  {s.label(t)}
                </RouterLink>
              }
              description={<Text size={200}>{s.description?.(t)}</Text>}
            />
          </Card>
        ))}
      </div>
    </PageFrame>
  );
}

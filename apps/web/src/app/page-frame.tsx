import type { ReactNode } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { messageOf } from '../api/graphql-errors';
import { useT } from '../i18n/i18n';
import { NARROW } from './layout';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    maxWidth: '1100px',
    [NARROW]: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`, gap: tokens.spacingVerticalM },
  },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
});

export interface PageFrameProps {
  title: string;
  /** Commands of the page (the command bar), right of the title. */
  commands?: ReactNode;
  children: ReactNode;
}

/** A screen: a real h1 heading (Fluent's Title is a span), its commands, its content. */
export function PageFrame({ title, commands, children }: PageFrameProps) {
  const styles = useStyles();
  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <h1 className={styles.title}>{title}</h1>
        {commands}
      </div>
      {children}
    </div>
  );
}

export interface LoadStateProps {
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  children: ReactNode;
}

/** Shows the spinner while loading and an actionable message when loading failed. */
export function LoadState({ loading, error, onRetry, children }: LoadStateProps) {
  const t = useT();
  if (error) {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t.errors.loadFailed}</MessageBarTitle>
          {messageOf(error, t)}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={onRetry}>{t.errors.retry}</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (loading) return <Spinner label={t.app.loading} />;
  return <>{children}</>;
}

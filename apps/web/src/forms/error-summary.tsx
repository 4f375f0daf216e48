import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles } from '@fluentui/react-components';
import type { FieldError } from '../api/graphql-errors';
import { useT } from '../i18n/i18n';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: '1.2em' },
});

export interface ErrorSummaryProps {
  errors: readonly FieldError[];
  source: 'client' | 'server' | null;
  generalError: string | null;
  /** The label of a field path, or undefined for a path no field shows. */
  labelOf: (path: string) => string | undefined;
}

/**
 * Every problem in one place above the form, so none is missed in a collapsed section or another
 * tab; each is also shown beside its field.
 */
export function ErrorSummary({ errors, source, generalError, labelOf }: ErrorSummaryProps) {
  const t = useT();
  const styles = useStyles();
  if (errors.length === 0 && !generalError) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{source === 'client' ? t.form.fixBeforeSaving(errors.length) : t.form.serverRefused}</MessageBarTitle>
        {generalError && <div>{generalError}</div>}
        {errors.length > 0 && (
          <ul className={styles.list}>
            {errors.map((e, i) => {
              const label = labelOf(e.field);
              return <li key={i}>{label ? `${label}: ${e.message}` : e.message}</li>;
            })}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useT } from '../i18n/i18n';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    justifyContent: 'flex-end',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export interface DialogButtonsProps {
  /** Save and close. */
  onOk: () => void;
  /** Discard and close. */
  onCancel: () => void;
  /** Save and stay. */
  onApply: () => void;
  busy: boolean;
  dirty: boolean;
}

/** The seed's OK / Peruuta / Käytä. Käytä is available only when there is something to save. */
export function DialogButtons({ onOk, onCancel, onApply, busy, dirty }: DialogButtonsProps) {
  const t = useT();
  const styles = useStyles();
  return (
    <div className={styles.bar}>
      {busy && <Spinner size="tiny" label={t.dialog.saving} />}
      <Button appearance="primary" disabled={busy} onClick={onOk}>
        {t.dialog.ok}
      </Button>
      <Button disabled={busy} onClick={onCancel}>
        {t.dialog.cancel}
      </Button>
      <Button disabled={busy || !dirty} onClick={onApply}>
        {t.dialog.apply}
      </Button>
    </div>
  );
}

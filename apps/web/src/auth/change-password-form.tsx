import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { fieldErrorsOf, messageOf, type FieldError } from '../api/graphql-errors';
import { Notice, type NoticeState } from '../forms/notice';
import { TextField } from '../forms/text-field';
import { useT } from '../i18n/i18n';
import { ChangeMyPasswordMutation } from './auth.operations';
import { sessionStore } from './session-store';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '420px' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

/**
 * "Vaihda salasana": the current password, then the new one. The server ends every earlier session
 * and answers a new one for this tab, which replaces the old token here.
 */
export function ChangePasswordForm() {
  const t = useT();
  const styles = useStyles();
  const [change, { loading }] = useMutation(ChangeMyPasswordMutation);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const messages = { errors, warnings: [] };

  const submit = async () => {
    setNotice(null);
    setErrors([]);
    try {
      const { data } = await change({ variables: { currentPassword: current, newPassword: next } });
      if (data) sessionStore.start({ token: data.changeMyPassword.token, expiresAt: String(data.changeMyPassword.expiresAt) });
      setCurrent('');
      setNext('');
      setNotice({ intent: 'success', text: t.security.passwordChanged });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      if (fields.length === 0) setNotice({ intent: 'error', text: messageOf(error, t) });
    }
  };

  return (
    <form
      className={styles.form}
      aria-labelledby="change-password-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="change-password-heading" className={styles.heading}>
        {t.security.changePassword}
      </h2>
      <Notice notice={notice} />
      <TextField label={t.security.currentPassword} path="currentPassword" messages={messages} type="password" autoComplete="current-password" value={current} onChange={setCurrent} />
      <TextField label={t.security.newPassword} path="newPassword" messages={messages} hint={t.security.newPasswordHint} type="password" autoComplete="new-password" value={next} onChange={setNext} />
      <div>
        <Button type="submit" appearance="primary" disabled={loading || current === '' || next === ''}>
          {t.security.changePassword}
        </Button>
      </div>
    </form>
  );
}

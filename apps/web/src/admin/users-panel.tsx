import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Select,
  Text,
} from '@fluentui/react-components';
import { Add20Regular } from '@fluentui/react-icons';
import { ROLES, type Role } from '@maestro/settings-schema';
import { fieldErrorsOf, messageOf, type FieldError } from '../api/graphql-errors';
import { LoadState } from '../app/page-frame';
import { useMe } from '../auth/me-context';
import { ChoiceField, choicesOf } from '../forms/choice-field';
import { Notice, type NoticeState } from '../forms/notice';
import { TextField } from '../forms/text-field';
import type { UserFieldsFragment } from '../gql/graphql';
import { useT } from '../i18n/i18n';
import { CreateUserMutation, UpdateUserMutation, UsersQuery } from './admin.operations';
import { useAdminStyles } from './admin-styles';
import { AdminTable } from './admin-table';
import { UnconfirmedSenders } from './unconfirmed-senders';

/** Käyttäjät: create, change role, deactivate. An admin cannot demote or deactivate themselves. */
export function UsersPanel() {
  const t = useT();
  const styles = useAdminStyles();
  const me = useMe();
  const users = useQuery(UsersQuery, { fetchPolicy: 'cache-and-network' });
  const [updateUser, { loading: updating }] = useMutation(UpdateUserMutation);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [creating, setCreating] = useState(false);
  const isSelf = (user: UserFieldsFragment) => user.id === me.user.id;

  const update = async (user: UserFieldsFragment, input: { role?: Role; active?: boolean }) => {
    setNotice(null);
    try {
      await updateUser({ variables: { id: user.id, input } });
      setNotice({ intent: 'success', text: t.users.updated(user.username) });
    } catch (error) {
      setNotice({ intent: 'error', text: messageOf(error, t) });
    }
  };

  return (
    <section className={styles.section} aria-labelledby="users-heading">
      <h2 id="users-heading" className={styles.heading}>
        {t.admin.users}
      </h2>
      <div className={styles.toolbar} role="toolbar" aria-label={t.admin.users}>
        <Button icon={<Add20Regular />} onClick={() => setCreating(true)}>
          {t.users.newUser}
        </Button>
      </div>
      <Text className={styles.intro}>{t.users.selfNote}</Text>
      <UnconfirmedSenders />
      <Notice notice={notice} />
      <LoadState loading={!users.data} error={users.data ? undefined : users.error} onRetry={() => void users.refetch()}>
        <AdminTable
          labelledBy="users-heading"
          rows={users.data?.users ?? []}
          rowKey={(user) => user.id}
          columns={[
            {
              header: t.users.username,
              cell: (user) => (
                <>
                  {user.username} {isSelf(user) && t.users.you}
                </>
              ),
            },
            { header: t.users.displayName, cell: (user) => user.displayName },
            {
              header: t.users.role,
              cell: (user) => (
                <Select
                  aria-label={t.users.roleOf(user.username)}
                  value={user.role}
                  disabled={isSelf(user) || updating}
                  onChange={(_e, data) => void update(user, { role: data.value as Role })}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t.enums.role[role]}
                    </option>
                  ))}
                </Select>
              ),
            },
            { header: t.users.status, cell: (user) => (user.active ? t.users.active : t.users.inactive) },
            {
              header: t.admin.actions,
              cell: (user) => (
                <div className={styles.actions}>
                  <Button
                    size="small"
                    disabled={isSelf(user) || updating}
                    aria-label={user.active ? t.users.deactivateLabel(user.username) : t.users.activateLabel(user.username)}
                    onClick={() => void update(user, { active: !user.active })}
                  >
                    {user.active ? t.users.deactivate : t.users.activate}
                  </Button>
                  <RouterLink to={`/admin/users/${user.id}/mail`} aria-label={t.users.mailSettingsLabel(user.username)}>
                    {t.users.mailSettings}
                  </RouterLink>
                </div>
              ),
            },
          ]}
        />
      </LoadState>
      <CreateUserDialog
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) setNotice({ intent: 'success', text: t.users.created(created) });
        }}
      />
    </section>
  );
}

interface CreateUserDialogProps {
  open: boolean;
  /** With the new username when one was created. */
  onClose: (createdUsername?: string) => void;
}

function CreateUserDialog({ open, onClose }: CreateUserDialogProps) {
  const t = useT();
  const styles = useAdminStyles();
  const [createUser, { loading }] = useMutation(CreateUserMutation, { refetchQueries: [{ query: UsersQuery }], awaitRefetchQueries: true });
  const empty = { username: '', displayName: '', password: '', role: 'USER' as Role };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const messages = { errors, warnings: [] };

  const close = (created?: string) => {
    setForm(empty);
    setErrors([]);
    setGeneral(null);
    onClose(created);
  };

  const submit = async () => {
    if (form.username.trim() === '' || form.password === '') {
      setGeneral(t.users.required);
      return;
    }
    setGeneral(null);
    try {
      await createUser({ variables: { input: { ...form, username: form.username.trim(), displayName: form.displayName.trim() || null } } });
      close(form.username.trim());
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      setGeneral(fields.length > 0 ? null : messageOf(error, t));
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_e, data) => !data.open && close()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t.users.newUser}</DialogTitle>
          <DialogContent className={styles.dialogFields}>
            <Notice notice={general ? { intent: 'error', text: general } : null} />
            <TextField label={t.users.username} path="username" messages={messages} required autoComplete="off" value={form.username} onChange={(username) => setForm({ ...form, username })} />
            <TextField label={t.users.displayName} path="displayName" messages={messages} autoComplete="off" value={form.displayName} onChange={(displayName) => setForm({ ...form, displayName })} />
            <TextField
              label={t.users.password}
              path="password"
              messages={messages}
              hint={t.users.passwordHint}
              required
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={(password) => setForm({ ...form, password })}
            />
            <ChoiceField label={t.users.role} path="role" messages={messages} value={form.role} choices={choicesOf(ROLES, t.enums.role)} onChange={(role) => setForm({ ...form, role })} />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={loading} onClick={() => void submit()}>
              {t.users.create}
            </Button>
            <Button disabled={loading} onClick={() => close()}>
              {t.dialog.cancel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
} from '@fluentui/react-components';
import { Add20Regular, Copy20Regular } from '@fluentui/react-icons';
import { fieldErrorsOf, messageOf, type FieldError } from '../api/graphql-errors';
import { LoadState } from '../app/page-frame';
import { ChoiceField } from '../forms/choice-field';
import { ConfirmDialog } from '../forms/confirm-dialog';
import { formatDateTime } from '../forms/format-date';
import { Notice, type NoticeState } from '../forms/notice';
import { TextField } from '../forms/text-field';
import type { ServiceKeyFieldsFragment } from '../gql/graphql';
import { useLanguage, useT } from '../i18n/i18n';
import { CreateServiceKeyMutation, RevokeServiceKeyMutation, ServiceKeysQuery, UsersQuery } from './admin.operations';
import { useAdminStyles } from './admin-styles';
import { AdminTable } from './admin-table';

/** Palveluavaimet: keys ERP modules call the API with. A key is shown once, when created. */
export function ServiceKeysPanel() {
  const t = useT();
  const language = useLanguage();
  const styles = useAdminStyles();
  const keys = useQuery(ServiceKeysQuery, { fetchPolicy: 'cache-and-network' });
  const users = useQuery(UsersQuery, { fetchPolicy: 'cache-first' });
  const [revokeKey, { loading: revoking }] = useMutation(RevokeServiceKeyMutation);
  const [creating, setCreating] = useState(false);
  const [pendingRevoke, setRevoking] = useState<ServiceKeyFieldsFragment | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);

  const userName = (id: string | null) => {
    if (!id) return t.serviceKeys.noDefaultUser;
    const user = users.data?.users.find((u) => u.id === id);
    return user ? user.displayName || user.username : id;
  };

  const revoke = async (key: ServiceKeyFieldsFragment) => {
    setNotice(null);
    try {
      await revokeKey({ variables: { id: key.id } });
      setRevoking(null);
    } catch (error) {
      setRevoking(null);
      setNotice({ intent: 'error', text: messageOf(error, t) });
    }
  };

  return (
    <section className={styles.section} aria-labelledby="keys-heading">
      <h2 id="keys-heading" className={styles.heading}>
        {t.admin.serviceKeys}
      </h2>
      <Text className={styles.intro}>{t.serviceKeys.intro}</Text>
      <div className={styles.toolbar} role="toolbar" aria-label={t.admin.serviceKeys}>
        <Button icon={<Add20Regular />} onClick={() => setCreating(true)}>
          {t.serviceKeys.newKey}
        </Button>
      </div>
      <Notice notice={notice} />
      <LoadState loading={!keys.data} error={keys.data ? undefined : keys.error} onRetry={() => void keys.refetch()}>
        <AdminTable
          labelledBy="keys-heading"
          rows={keys.data?.serviceKeys ?? []}
          rowKey={(key) => key.id}
          empty={t.serviceKeys.none}
          columns={[
            { header: t.serviceKeys.name, cell: (key) => key.name },
            { header: t.serviceKeys.module, cell: (key) => key.module },
            { header: t.serviceKeys.defaultUser, cell: (key) => userName(key.defaultUserId ?? null) },
            { header: t.serviceKeys.createdAt, cell: (key) => formatDateTime(key.createdAt, language) },
            { header: t.serviceKeys.lastUsedAt, cell: (key) => (key.lastUsedAt ? formatDateTime(key.lastUsedAt, language) : t.serviceKeys.never) },
            { header: t.serviceKeys.status, cell: (key) => (key.revokedAt ? `${t.serviceKeys.revoked} ${formatDateTime(key.revokedAt, language)}` : t.serviceKeys.valid) },
            {
              header: t.admin.actions,
              cell: (key) =>
                !key.revokedAt && (
                  <Button size="small" aria-label={t.serviceKeys.revokeLabel(key.name)} onClick={() => setRevoking(key)}>
                    {t.serviceKeys.revoke}
                  </Button>
                ),
            },
          ]}
        />
      </LoadState>
      <CreateServiceKeyDialog open={creating} users={users.data?.users ?? []} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={pendingRevoke !== null}
        title={t.serviceKeys.revokeTitle}
        body={pendingRevoke ? t.serviceKeys.revokeConfirm(pendingRevoke.name) : ''}
        confirmLabel={t.serviceKeys.revoke}
        busy={revoking}
        onConfirm={() => pendingRevoke && void revoke(pendingRevoke)}
        onCancel={() => setRevoking(null)}
      />
    </section>
  );
}

interface CreateServiceKeyDialogProps {
  open: boolean;
  users: readonly { id: string; username: string; displayName: string; active: boolean }[];
  onClose: () => void;
}

/**
 * Creating a key, then showing it this once in the same dialog (two dialogs in a row would fight over
 * which one is modal). Closing forgets the key.
 */
function CreateServiceKeyDialog({ open, users, onClose }: CreateServiceKeyDialogProps) {
  const t = useT();
  const styles = useAdminStyles();
  // The key must not linger anywhere: not in Apollo's cache, only in this dialog's state.
  const [createKey, { loading }] = useMutation(CreateServiceKeyMutation, {
    fetchPolicy: 'no-cache',
    refetchQueries: [{ query: ServiceKeysQuery }],
  });
  const empty = { name: '', module: '', defaultUserId: '' };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const messages = { errors, warnings: [] };

  const close = () => {
    setForm(empty);
    setErrors([]);
    setGeneral(null);
    setCreated(null);
    onClose();
  };

  const submit = async () => {
    if (form.name.trim() === '' || form.module.trim() === '') {
      setGeneral(t.serviceKeys.required);
      return;
    }
    setGeneral(null);
    try {
      const result = await createKey({
        variables: { input: { name: form.name.trim(), module: form.module.trim(), defaultUserId: form.defaultUserId || null } },
      });
      if (!result.data) throw new Error('The API answered without data.');
      setErrors([]);
      setCreated({ name: result.data.createServiceKey.serviceKey.name, key: result.data.createServiceKey.key });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      setGeneral(fields.length > 0 ? null : messageOf(error, t));
    }
  };

  return (
    // Shown once: the key's dialog does not close by a stray click outside it.
    <Dialog open={open} modalType={created ? 'alert' : 'modal'} onOpenChange={(_e, data) => !data.open && close()}>
      <DialogSurface>
        {created ? (
          <CreatedKey name={created.name} secret={created.key} onClose={close} />
        ) : (
          <DialogBody>
            <DialogTitle>{t.serviceKeys.newKey}</DialogTitle>
            <DialogContent className={styles.dialogFields}>
              <Notice notice={general ? { intent: 'error', text: general } : null} />
              <TextField label={t.serviceKeys.name} path="name" messages={messages} required value={form.name} onChange={(name) => setForm({ ...form, name })} />
              <TextField
                label={t.serviceKeys.module}
                path="module"
                messages={messages}
                required
                hint={t.serviceKeys.moduleHint}
                value={form.module}
                onChange={(module) => setForm({ ...form, module })}
              />
              <ChoiceField
                label={t.serviceKeys.defaultUser}
                path="defaultUserId"
                messages={messages}
                hint={t.serviceKeys.defaultUserHint}
                value={form.defaultUserId}
                choices={[
                  { value: '', label: t.serviceKeys.noDefaultUser },
                  ...users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.displayName ? `${u.displayName} (${u.username})` : u.username })),
                ]}
                onChange={(defaultUserId) => setForm({ ...form, defaultUserId })}
              />
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={loading} onClick={() => void submit()}>
                {t.serviceKeys.create}
              </Button>
              <Button disabled={loading} onClick={close}>
                {t.dialog.cancel}
              </Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}

interface CreatedKeyProps {
  name: string;
  secret: string;
  onClose: () => void;
}

/** The new key, this once, with a copy button and the warning. */
function CreatedKey({ name, secret, onClose }: CreatedKeyProps) {
  const t = useT();
  const styles = useAdminStyles();
  const [copy, setCopy] = useState<NoticeState | null>(null);

  const copyKey = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy({ intent: 'success', text: t.serviceKeys.copied });
    } catch {
      setCopy({ intent: 'error', text: t.serviceKeys.copyFailed });
    }
  };

  return (
    <DialogBody>
      <DialogTitle>{t.serviceKeys.createdTitle}</DialogTitle>
      <DialogContent className={styles.dialogFields}>
        <Text weight="semibold">{name}</Text>
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t.serviceKeys.onceWarning}</MessageBarBody>
        </MessageBar>
        <Field label={t.serviceKeys.key}>
          <Input readOnly value={secret} input={{ style: { fontFamily: 'Consolas, "Courier New", monospace' } }} onFocus={(e) => e.currentTarget.select()} />
        </Field>
        <div>
          <Button icon={<Copy20Regular />} onClick={() => void copyKey()}>
            {t.serviceKeys.copy}
          </Button>
        </div>
        <Notice notice={copy} />
      </DialogContent>
      <DialogActions>
        <Button appearance="primary" onClick={onClose}>
          {t.dialog.close}
        </Button>
      </DialogActions>
    </DialogBody>
  );
}

import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Button, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { OUTPUT_KINDS, SEND_MODES, moduleSendPolicySchema, validateModuleSendPolicy, type OutputKind, type SendMode } from '@maestro/settings-schema';
import { messageOf } from '../api/graphql-errors';
import { LoadState } from '../app/page-frame';
import { Notice, type NoticeState } from '../forms/notice';
import type { SendPolicyFieldsFragment } from '../gql/graphql';
import { useFieldTexts } from '../i18n/field-texts';
import { sourceLabel, useLanguage, useT } from '../i18n/i18n';
import { SendPoliciesQuery, UpdateSendPolicyMutation } from './admin.operations';
import { useAdminStyles } from './admin-styles';
import { AdminTable } from './admin-table';

const useStyles = makeStyles({
  sourceCell: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
});

type Edit = { defaultOutput: OutputKind; sendMode: SendMode };

/**
 * Lähetystavat: per program, the suggested output (Paperille / Sähköpostina) and the send mode
 * (Lähetä heti / Avaa muokattavaksi / Kysy lähetystapa). A policy migrated from the retired "send
 * later" asks the admin to confirm it.
 */
export function SendPoliciesPanel() {
  const t = useT();
  const language = useLanguage();
  const styles = useAdminStyles();
  const local = useStyles();
  const text = useFieldTexts(moduleSendPolicySchema);
  const policies = useQuery(SendPoliciesQuery, { fetchPolicy: 'cache-and-network' });
  const [updatePolicy, { loading }] = useMutation(UpdateSendPolicyMutation);
  const [edits, setEdits] = useState<Partial<Record<SendPolicyFieldsFragment['source'], Edit>>>({});
  const [notice, setNotice] = useState<NoticeState | null>(null);

  /** A program's policy with the admin's unsaved choices for it. */
  const rowOf = (policy: SendPolicyFieldsFragment) => {
    const edit = edits[policy.source] ?? { defaultOutput: policy.defaultOutput, sendMode: policy.sendMode };
    return {
      policy,
      label: sourceLabel(policy.source, language),
      edit,
      changed: edit.defaultOutput !== policy.defaultOutput || edit.sendMode !== policy.sendMode,
      setEdit: (next: Edit) => setEdits((all) => ({ ...all, [policy.source]: next })),
    };
  };

  const save = async (policy: SendPolicyFieldsFragment, edit: Edit) => {
    setNotice(null);
    const checked = validateModuleSendPolicy({ source: policy.source, ...edit });
    if (!checked.ok) {
      setNotice({ intent: 'error', text: checked.problems.map((p) => p.message[language]).join(' ') });
      return;
    }
    try {
      await updatePolicy({ variables: { source: policy.source, input: edit } });
      setEdits(({ [policy.source]: _saved, ...rest }) => rest);
      setNotice({ intent: 'success', text: t.sendPolicies.saved(sourceLabel(policy.source, language)) });
    } catch (error) {
      setNotice({ intent: 'error', text: messageOf(error, t) });
    }
  };

  return (
    <section className={styles.section} aria-labelledby="policies-heading">
      <h2 id="policies-heading" className={styles.heading}>
        {t.admin.sendPolicies}
      </h2>
      <Text className={styles.intro}>{t.sendPolicies.intro}</Text>
      <Notice notice={notice} />
      <LoadState loading={!policies.data} error={policies.data ? undefined : policies.error} onRetry={() => void policies.refetch()}>
        <AdminTable
          labelledBy="policies-heading"
          rows={(policies.data?.sendPolicies ?? []).map(rowOf)}
          rowKey={(row) => row.policy.source}
          columns={[
            {
              header: t.sendPolicies.source,
              cell: ({ policy, label }) => (
                <div className={local.sourceCell}>
                  <span>{label}</span>
                  {policy.migratedFromSendLater && (
                    <MessageBar intent="warning" layout="multiline">
                      <MessageBarBody>{t.sendPolicies.migrated}</MessageBarBody>
                    </MessageBar>
                  )}
                </div>
              ),
            },
            {
              header: text('defaultOutput').label,
              cell: ({ label, edit, setEdit }) => (
                <Select aria-label={`${text('defaultOutput').label}: ${label}`} value={edit.defaultOutput} onChange={(_e, data) => setEdit({ ...edit, defaultOutput: data.value as OutputKind })}>
                  {OUTPUT_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t.enums.outputKind[kind]}
                    </option>
                  ))}
                </Select>
              ),
            },
            {
              header: text('sendMode').label,
              cell: ({ label, edit, setEdit }) => (
                <Select aria-label={`${text('sendMode').label}: ${label}`} value={edit.sendMode} onChange={(_e, data) => setEdit({ ...edit, sendMode: data.value as SendMode })}>
                  {SEND_MODES.map((mode) => (
                    <option key={mode} value={mode}>
                      {t.enums.sendMode[mode]}
                    </option>
                  ))}
                </Select>
              ),
            },
            {
              header: t.admin.actions,
              cell: ({ policy, label, edit, changed }) => (
                <Button
                  size="small"
                  appearance={policy.migratedFromSendLater ? 'primary' : 'secondary'}
                  disabled={loading || !(changed || policy.migratedFromSendLater)}
                  aria-label={policy.migratedFromSendLater ? `${t.dialog.confirm}: ${label}` : t.sendPolicies.saveLabel(label)}
                  onClick={() => void save(policy, edit)}
                >
                  {policy.migratedFromSendLater ? t.dialog.confirm : t.sendPolicies.save}
                </Button>
              ),
            },
          ]}
        />
      </LoadState>
    </section>
  );
}

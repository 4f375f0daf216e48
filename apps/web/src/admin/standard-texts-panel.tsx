import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Text, makeStyles, tokens, mergeClasses } from '@fluentui/react-components';
import { Add20Regular, Delete20Regular, Save20Regular } from '@fluentui/react-icons';
import { LANGUAGES, MESSAGE_SOURCES, STANDARD_PLACEHOLDERS, standardTextSchema, validateStandardText, type Language, type MessageSource } from '@maestro/settings-schema';
import { fieldErrorsOf, messageOf, type FieldError } from '../api/graphql-errors';
import { LoadState } from '../app/page-frame';
import { ChoiceField, choicesOf } from '../forms/choice-field';
import { ConfirmDialog } from '../forms/confirm-dialog';
import { ErrorSummary } from '../forms/error-summary';
import { NO_MESSAGES } from '../forms/field-messages';
import { Notice, type NoticeState } from '../forms/notice';
import { TextField } from '../forms/text-field';
import type { StandardTextFieldsFragment } from '../gql/graphql';
import { useFieldTexts, useLabelOfPath } from '../i18n/field-texts';
import { sourceLabel, useLanguage, useT } from '../i18n/i18n';
import { DeleteStandardTextMutation, StandardTextsQuery, UpsertStandardTextMutation } from './admin.operations';
import { NARROW } from '../app/layout';
import { useAdminStyles } from './admin-styles';

const useStyles = makeStyles({
  layout: { display: 'grid', gridTemplateColumns: 'minmax(200px, 260px) minmax(0, 1fr)', gap: tokens.spacingHorizontalXL, alignItems: 'start', [NARROW]: { gridTemplateColumns: 'minmax(0, 1fr)' } },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  item: { width: '100%', justifyContent: 'flex-start', textAlign: 'left' },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  editor: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '760px' },
  placeholders: { margin: 0, paddingLeft: '1.2em' },
  code: { fontFamily: tokens.fontFamilyMonospace },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

interface Draft {
  id: string | null;
  name: string;
  subject: string;
  body: string;
}

const NEW_DRAFT: Draft = { id: null, name: '', subject: '', body: '' };

/** Vakiotekstit: subject and body templates per program and language (FI / SV / EN). */
export function StandardTextsPanel() {
  const t = useT();
  const language = useLanguage();
  const styles = useAdminStyles();
  const local = useStyles();
  const text = useFieldTexts(standardTextSchema);
  const labelOf = useLabelOfPath(standardTextSchema);
  const [source, setSource] = useState<MessageSource>('SALES_ORDER');
  const [textLanguage, setTextLanguage] = useState<Language>('FI');
  const [draft, setDraft] = useState<Draft>(NEW_DRAFT);
  const [errors, setErrors] = useState<{ source: 'client' | 'server'; list: FieldError[] } | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const texts = useQuery(StandardTextsQuery, { variables: { source, language: textLanguage }, fetchPolicy: 'cache-and-network' });
  const refetch = [{ query: StandardTextsQuery, variables: { source, language: textLanguage } }];
  const [upsert, { loading: saving }] = useMutation(UpsertStandardTextMutation, { refetchQueries: refetch, awaitRefetchQueries: true });
  const [remove, { loading: deleting }] = useMutation(DeleteStandardTextMutation, { refetchQueries: refetch, awaitRefetchQueries: true });

  // Another program or language starts a fresh editor.
  useEffect(() => {
    setDraft(NEW_DRAFT);
    setErrors(null);
    setGeneral(null);
  }, [source, textLanguage]);

  const edit = (item: StandardTextFieldsFragment | null) => {
    setDraft(item ? { id: item.id, name: item.name, subject: item.subject, body: item.body } : NEW_DRAFT);
    setErrors(null);
    setGeneral(null);
    setNotice(null);
  };

  const change = (key: keyof Omit<Draft, 'id'>, value: string) => {
    setDraft({ ...draft, [key]: value });
    setErrors((current) => (current ? { ...current, list: current.list.filter((e) => e.field !== key) } : current));
  };

  const save = async () => {
    setNotice(null);
    setGeneral(null);
    const record = { source, language: textLanguage, name: draft.name, subject: draft.subject, body: draft.body };
    const checked = validateStandardText(record);
    if (!checked.ok) {
      setErrors({ source: 'client', list: checked.problems.map((p) => ({ field: p.path, code: p.code, message: p.message[language] })) });
      return;
    }
    try {
      const result = await upsert({ variables: { input: { ...record, id: draft.id } } });
      const saved = result.data?.upsertStandardText;
      if (saved) edit(saved);
      setNotice({ intent: 'success', text: t.standardTexts.saved(record.name) });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setErrors(fields.length > 0 ? { source: 'server', list: fields } : null);
      setGeneral(fields.length > 0 ? null : messageOf(error, t));
    }
  };

  const deleteDraft = async () => {
    if (!draft.id) return;
    setConfirmDelete(false);
    try {
      await remove({ variables: { id: draft.id } });
      setNotice({ intent: 'success', text: t.standardTexts.deleted(draft.name) });
      edit(null);
    } catch (error) {
      setNotice({ intent: 'error', text: messageOf(error, t) });
    }
  };

  const messages = errors ? { errors: errors.list, warnings: [] } : NO_MESSAGES;
  const sourceChoices = MESSAGE_SOURCES.map((s) => ({ value: s, label: sourceLabel(s, language) }));

  return (
    <section className={styles.section} aria-labelledby="texts-heading">
      <h2 id="texts-heading" className={styles.heading}>
        {t.admin.standardTexts}
      </h2>
      <Text className={styles.intro}>{t.standardTexts.intro}</Text>
      <div className={styles.toolbar}>
        <ChoiceField label={t.standardTexts.source} path="source" messages={NO_MESSAGES} value={source} choices={sourceChoices} onChange={setSource} />
        <ChoiceField label={t.standardTexts.language} path="language" messages={NO_MESSAGES} value={textLanguage} choices={choicesOf(LANGUAGES, t.enums.language)} onChange={setTextLanguage} />
      </div>
      <Notice notice={notice} />
      <div className={local.layout}>
        <div>
          <h3 className={local.subheading}>{t.standardTexts.texts}</h3>
          <LoadState loading={!texts.data} error={texts.data ? undefined : texts.error} onRetry={() => void texts.refetch()}>
            {texts.data?.standardTexts.length === 0 && <Text>{t.standardTexts.none}</Text>}
            <ul className={local.list}>
              {texts.data?.standardTexts.map((item) => (
                <li key={item.id}>
                  <Button
                    appearance="subtle"
                    className={mergeClasses(local.item, draft.id === item.id && local.selected)}
                    aria-current={draft.id === item.id ? 'true' : undefined}
                    onClick={() => edit(item)}
                  >
                    {item.name}
                  </Button>
                </li>
              ))}
            </ul>
            <Button icon={<Add20Regular />} onClick={() => edit(null)}>
              {t.standardTexts.newText}
            </Button>
          </LoadState>
        </div>
        <div className={local.editor}>
          <h3 className={local.subheading}>{draft.id ? t.standardTexts.editing(draft.name) : t.standardTexts.creating}</h3>
          <ErrorSummary errors={errors?.list ?? []} source={errors?.source ?? 'server'} generalError={general} labelOf={labelOf} />
          <TextField label={text('name').label} path="name" messages={messages} value={draft.name} onChange={(v) => change('name', v)} />
          <TextField label={text('subject').label} path="subject" messages={messages} value={draft.subject} onChange={(v) => change('subject', v)} />
          <TextField label={text('body').label} path="body" messages={messages} multiline monospace rows={12} value={draft.body} onChange={(v) => change('body', v)} />
          <div>
            <h4 className={local.subheading}>{t.standardTexts.placeholders}</h4>
            <Text size={200}>{t.standardTexts.placeholdersHint}</Text>
            <ul className={local.placeholders}>
              {(Object.keys(STANDARD_PLACEHOLDERS) as Array<keyof typeof STANDARD_PLACEHOLDERS>).map((p) => (
                <li key={p}>
                  <code className={local.code}>{`{{${p}}}`}</code> – {STANDARD_PLACEHOLDERS[p][language]}
                </li>
              ))}
            </ul>
          </div>
          <div className={styles.actions}>
            <Button appearance="primary" icon={<Save20Regular />} disabled={saving} onClick={() => void save()}>
              {t.standardTexts.save}
            </Button>
            {draft.id && (
              <Button icon={<Delete20Regular />} disabled={deleting} onClick={() => setConfirmDelete(true)}>
                {t.standardTexts.delete}
              </Button>
            )}
          </div>
        </div>
      </div>
      <ConfirmDialog
        open={confirmDelete}
        title={t.standardTexts.deleteTitle}
        body={t.standardTexts.deleteConfirm(draft.name)}
        confirmLabel={t.standardTexts.delete}
        busy={deleting}
        onConfirm={() => void deleteDraft()}
        onCancel={() => setConfirmDelete(false)}
      />
    </section>
  );
}

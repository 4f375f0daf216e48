import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Select, Spinner, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { PersonAdd20Regular, Send20Regular } from '@fluentui/react-icons';
import { NARROW } from '../app/layout';
import { LANGUAGES, MESSAGE_SOURCES, MESSAGE_SOURCE_INFO, composeMessageSchema, validateComposeMessage, type Language, type MessageSource } from '@maestro/settings-schema';
import type { UploadedAttachment } from '../api/authorized-http';
import { fieldErrorsOf, messageOf } from '../api/graphql-errors';
import type { ComposeDraftQuery, MessageDetailFieldsFragment } from '../gql/graphql';
import { DateField } from '../forms/date-field';
import { parseDateTime } from '../forms/format-date';
import { useFieldTexts } from '../i18n/field-texts';
import { sourceLabel, useLanguage, useT } from '../i18n/i18n';
import { AttachmentsField } from './attachments-field';
import { addChips, parseAddressChips, type Chip } from './chips';
import { ChipsField, chipValues } from './chips-field';
import { ComposeDraftQuery as ComposeDraftDocument, ComposeStandardTextsQuery, SendMessageMutation } from './compose.operations';
import { newIdempotencyKey } from './idempotency-key';

/** What the form opens with: composeDraft's answer, or a stored draft (Luonnos) with the same fields. */
export type ComposeDraft = Omit<ComposeDraftQuery['composeDraft'], '__typename'>;

/** What the person finally wrote: the lists are final (the server adds no default recipients, no signature). */
export interface ComposedContent {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  attachmentIds: string[];
  language: Language;
}

const MONOSPACE = { fontFamily: 'Consolas, "Courier New", monospace', fontSize: '13px', lineHeight: '1.45' } as const;

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '880px' },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-end' },
  topRow: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-start' },
  grow: { flex: 1, minWidth: 'min(220px, 100%)' },
  toRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start', [NARROW]: { flexDirection: 'column', alignItems: 'stretch' } },
  // Beside Vastaanottaja as in Outlook; under it in a narrow pane.
  ccButtons: { display: 'flex', gap: tokens.spacingHorizontalS, paddingTop: '26px', [NARROW]: { paddingTop: 0 } },
  standardTexts: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  from: { color: tokens.colorNeutralForeground3 },
  buttons: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'flex-end',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  progress: { flex: 1 },
});

type FieldName = 'to' | 'cc' | 'bcc' | 'subject' | 'body' | 'attachmentIds' | 'sendAt';
const FIELD_NAMES: readonly FieldName[] = ['to', 'cc', 'bcc', 'subject', 'body', 'attachmentIds', 'sendAt'];
type Problems = Partial<Record<FieldName, string[]>>;

/** `to.2` and `to` are both Vastaanottaja; anything else that is no field of the form is general. */
function fieldOfPath(path: string): FieldName | null {
  const head = path.split('.')[0] as FieldName;
  return FIELD_NAMES.includes(head) ? head : null;
}

function addProblem(problems: Problems, field: FieldName, message: string): Problems {
  return { ...problems, [field]: [...(problems[field] ?? []), message] };
}

interface Recipients {
  chips: Chip[];
  text: string;
}

const NO_RECIPIENTS: Recipients = { chips: [], text: '' };

export interface ComposeFormProps {
  draft: ComposeDraft;
  /** A new message from the navigation chooses its program; a document's program is fixed. */
  chooseSource?: boolean;
  /** Recipients the calling program gave that are not addresses: shown as red chips to correct. */
  invalidTo?: readonly string[];
  /** Placeholder values for the standard texts (documentNumber, ...). */
  variables?: Record<string, string>;
  /** Shown above the form (why it opened, what to fix). */
  notice?: ReactNode;
  /** The message was accepted: SENT, queued, scheduled or handed off. */
  onSent: (message: MessageDetailFieldsFragment) => void;
  /** Peruuta. */
  onCancel: () => void;
  /** Sends a stored draft instead of a new message (sendDraft). */
  submit?: (content: ComposedContent & { sendAt: string | null; wait: boolean }) => Promise<MessageDetailFieldsFragment | null | undefined>;
  /** A stored draft: Tallenna luonnos keeps what was written without sending it. */
  onSaveDraft?: (content: ComposedContent) => Promise<void>;
  /** A stored draft: Hylkää luonnos. */
  onDiscard?: () => void;
}

/**
 * Lähetä viesti, the seed's compose dialog: Lähettäjä greyed (the server decides it), Vastaanottaja
 * as chips (Kopio and Piilokopio on demand), Otsikko, Liitetiedosto when the program allows files,
 * Sisältö in a monospace editor, Vakiotekstit by language, an optional send time. The form is checked
 * with the server's rules first; whatever the server refuses is shown beside its field, and nothing the
 * user wrote is lost when sending fails.
 */
export function ComposeForm({ draft, chooseSource, invalidTo = [], variables, notice, onSent, onCancel, submit, onSaveDraft, onDiscard }: ComposeFormProps) {
  const t = useT();
  const uiLanguage = useLanguage();
  const styles = useStyles();
  const client = useApolloClient();
  const text = useFieldTexts(composeMessageSchema);

  const [source, setSource] = useState<MessageSource>(draft.source);
  const [to, setTo] = useState<Recipients>(() => ({
    chips: addChips(
      parseAddressChips(draft.to.map((m) => m.formatted).join('; ')),
      invalidTo.flatMap((entry) => parseAddressChips(entry)),
    ),
    text: '',
  }));
  // The company may put its default recipients in Kopio or Piilokopio: shown there, each removable.
  const initial = (list: ComposeDraft['cc']): Recipients => (list.length ? { chips: parseAddressChips(list.map((m) => m.formatted).join('; ')), text: '' } : NO_RECIPIENTS);
  const [cc, setCc] = useState<Recipients>(() => initial(draft.cc));
  const [bcc, setBcc] = useState<Recipients>(() => initial(draft.bcc));
  const [showCc, setShowCc] = useState(draft.cc.length > 0);
  const [showBcc, setShowBcc] = useState(draft.bcc.length > 0);
  const [saving, setSaving] = useState(false);
  const ccInput = useRef<HTMLInputElement>(null);
  const bccInput = useRef<HTMLInputElement>(null);
  // Kopio / Piilokopio open their field and put the cursor in it, as Outlook does.
  const [focusField, setFocusField] = useState<'cc' | 'bcc' | null>(null);
  useEffect(() => {
    if (!focusField) return;
    (focusField === 'cc' ? ccInput : bccInput).current?.focus();
    setFocusField(null);
  }, [focusField]);
  const [subject, setSubject] = useState(draft.subject);
  const [body, setBody] = useState(draft.body);
  // The files the calling program uploaded and named (attachmentIds), as composeDraft found them.
  const [attachments, setAttachments] = useState<UploadedAttachment[]>(() => [...draft.attachments]);
  const [uploading, setUploading] = useState(false);
  const [language, setLanguage] = useState<Language>(draft.language);
  const [standardTextId, setStandardTextId] = useState<string | null>(draft.standardTextId);
  const [missing, setMissing] = useState<readonly string[]>(draft.missingPlaceholders);
  const [scheduled, setScheduled] = useState(false);
  const [sendAt, setSendAt] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [general, setGeneral] = useState<{ title: string; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [filling, setFilling] = useState(false);

  // One key per compose session: a double click, or a retry after a lost answer, stores one message.
  const idempotencyKey = useRef(newIdempotencyKey());
  const inFlight = useRef(false);

  const [sendMessage] = useMutation(SendMessageMutation);
  const texts = useQuery(ComposeStandardTextsQuery, { variables: { source, language } });
  const attachmentsAllowed = source === draft.source ? draft.attachmentsAllowed : MESSAGE_SOURCE_INFO[source].attachmentsAllowed;
  const handOff = draft.delivery === 'HAND_OFF';

  const clearProblem = (field: FieldName) => {
    setGeneral(null);
    setProblems((p) => (p[field] ? { ...p, [field]: undefined } : p));
  };

  /** Vakiotekstit: the server fills the chosen text (placeholders, signature) into Otsikko and Sisältö. */
  const fillStandardText = async (nextLanguage: Language, nextTextId: string | null) => {
    setLanguage(nextLanguage);
    setStandardTextId(nextTextId);
    setFilling(true);
    setGeneral(null);
    try {
      const { data } = await client.query({
        query: ComposeDraftDocument,
        variables: { input: { source, documentRef: draft.documentRef, language: nextLanguage, standardTextId: nextTextId, variables } },
        fetchPolicy: 'network-only',
      });
      // A language without standard texts for this program leaves what the user wrote alone.
      if (data && data.composeDraft.standardTextId !== null) {
        setSubject(data.composeDraft.subject);
        setBody(data.composeDraft.body);
        setMissing(data.composeDraft.missingPlaceholders);
        setStandardTextId(data.composeDraft.standardTextId);
        setProblems((p) => ({ ...p, subject: undefined, body: undefined }));
      }
    } catch (error) {
      setGeneral({ title: t.errors.loadFailed, text: messageOf(error, t) });
    } finally {
      setFilling(false);
    }
  };

  const send = async () => {
    if (inFlight.current) return;
    setGeneral(null);
    const message = {
      to: chipValues(to.chips, to.text, parseAddressChips),
      cc: chipValues(cc.chips, cc.text, parseAddressChips),
      bcc: chipValues(bcc.chips, bcc.text, parseAddressChips),
      subject,
      body,
    };
    // What is still typed becomes chips, so an invalid piece shows red where the user looks.
    setTo((r) => ({ chips: addChips(r.chips, parseAddressChips(r.text)), text: '' }));
    setCc((r) => ({ chips: addChips(r.chips, parseAddressChips(r.text)), text: '' }));
    setBcc((r) => ({ chips: addChips(r.chips, parseAddressChips(r.text)), text: '' }));

    let found: Problems = {};
    const checked = validateComposeMessage(message);
    if (!checked.ok) {
      for (const problem of checked.problems) {
        const field = fieldOfPath(problem.path) ?? 'to';
        // An invalid address already shows red on its chip with its reason.
        if (['to', 'cc', 'bcc'].includes(field) && ['INVALID_ADDRESS', 'LINE_BREAK'].includes(problem.code)) continue;
        found = addProblem(found, field, problem.message[uiLanguage]);
      }
    }
    const invalidChips = [to, cc, bcc].some((r) => [...r.chips, ...parseAddressChips(r.text)].some((c) => c.problem));
    let sendAtIso: string | null = null;
    if (scheduled) {
      const when = parseDateTime(sendAt);
      if (!when) found = addProblem(found, 'sendAt', t.compose.sendAtRequired);
      else if (when.getTime() <= Date.now()) found = addProblem(found, 'sendAt', t.compose.sendAtPast);
      else sendAtIso = when.toISOString();
    }
    if (uploading) found = addProblem(found, 'attachmentIds', t.compose.waitForUploads);
    setProblems(found);
    if (Object.keys(found).length > 0 || invalidChips) {
      setGeneral({ title: t.compose.sendFailed, text: t.compose.fixFields });
      return;
    }

    inFlight.current = true;
    setSending(true);
    try {
      // A scheduled message stays queued: waiting for it to be sent would only hold the dialog.
      const content = { ...message, attachmentIds: attachmentsAllowed ? attachments.map((a) => a.id) : [], language, sendAt: sendAtIso, wait: sendAtIso === null };
      const sent = submit
        ? await submit(content)
        : (
            await sendMessage({
              variables: {
                input: {
                  ...content,
                  source,
                  documentRef: draft.documentRef,
                  idempotencyKey: idempotencyKey.current,
                  // The person saw the default recipients and the signature here: the server adds neither again.
                  defaultRecipients: 'EXCLUDE',
                  signature: 'NONE',
                },
              },
            })
          ).data?.sendMessage;
      if (!sent) throw new Error('The API answered without data.');
      if (sent.status === 'FAILED') {
        // Stored and failed: what the user wrote stays; sending again is a new message with a new key.
        idempotencyKey.current = newIdempotencyKey();
        setGeneral({ title: t.compose.failedTitle, text: sent.lastError?.message ?? t.errors.unexpected });
        return;
      }
      onSent(sent);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      let server: Problems = {};
      const unplaced: string[] = [];
      for (const f of fields) {
        const field = fieldOfPath(f.field);
        // A missing attachment comes by its index in what was sent: name the file, not its id.
        const missing = /^attachmentIds\.(\d+)$/.exec(f.field)?.[1];
        const file = missing === undefined ? undefined : attachments[Number(missing)];
        if (file) server = addProblem(server, 'attachmentIds', t.compose.attachmentNotFound(file.filename));
        else if (field) server = addProblem(server, field, f.message);
        else unplaced.push(f.message);
      }
      setProblems(server);
      setGeneral({ title: t.compose.sendFailed, text: fields.length > 0 ? [t.compose.fixFields, ...unplaced].join(' ') : messageOf(error, t) });
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };

  /** Tallenna luonnos: what is written now, typed recipients included. */
  const saveDraft = async () => {
    if (!onSaveDraft) return;
    setGeneral(null);
    setSaving(true);
    try {
      await onSaveDraft({
        to: chipValues(to.chips, to.text, parseAddressChips),
        cc: chipValues(cc.chips, cc.text, parseAddressChips),
        bcc: chipValues(bcc.chips, bcc.text, parseAddressChips),
        subject,
        body,
        attachmentIds: attachmentsAllowed ? attachments.map((a) => a.id) : [],
        language,
      });
    } catch (error) {
      setGeneral({ title: t.drafts.saveFailed, text: messageOf(error, t) });
    } finally {
      setSaving(false);
    }
  };

  const field = (name: 'subject' | 'body') => ({
    label: text(name).label,
    validationState: problems[name] ? ('error' as const) : ('none' as const),
    validationMessage: problems[name]?.join(' '),
  });

  return (
    <form
      className={styles.form}
      aria-label={t.compose.title}
      // The form is checked with settings-schema's rules, in the UI language; not by the browser.
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {notice}
      {handOff && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t.compose.handOffNotice}</MessageBarBody>
        </MessageBar>
      )}
      {general && (
        <div role="alert">
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{general.title}</MessageBarTitle>
              {general.text}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}

      <div className={styles.topRow}>
        <Field label={t.compose.from} hint={t.compose.fromHint} className={styles.grow}>
          <Input value={draft.from.formatted} readOnly disabled input={{ className: styles.from }} />
        </Field>
        {chooseSource ? (
          <Field label={t.compose.source}>
            <Select value={source} onChange={(_e, data) => setSource(data.value as MessageSource)}>
              {MESSAGE_SOURCES.filter((s) => MESSAGE_SOURCE_INFO[s].channels.includes('EMAIL')).map((s) => (
                <option key={s} value={s}>
                  {sourceLabel(s, uiLanguage)}
                </option>
              ))}
            </Select>
          </Field>
        ) : (
          draft.documentRef && (
            <Field label={t.compose.document}>
              <Input value={t.compose.documentOf(draft.documentRef, sourceLabel(source, uiLanguage))} readOnly disabled />
            </Field>
          )
        )}
      </div>

      <div className={styles.toRow}>
        <div className={styles.grow}>
          <ChipsField
            label={text('to').label}
            required
            hint={t.compose.recipientsHint}
            parse={parseAddressChips}
            chips={to.chips}
            text={to.text}
            errors={problems.to}
            onChange={(chips, typed) => {
              clearProblem('to');
              setTo({ chips, text: typed });
            }}
          />
        </div>
        <div className={styles.ccButtons}>
          {!showCc && (
            <Button
              icon={<PersonAdd20Regular />}
              aria-label={t.compose.showCcLabel}
              aria-expanded={false}
              onClick={() => {
                setShowCc(true);
                setFocusField('cc');
              }}
            >
              {t.compose.showCc}
            </Button>
          )}
          {!showBcc && (
            <Button
              icon={<PersonAdd20Regular />}
              aria-label={t.compose.showBccLabel}
              aria-expanded={false}
              onClick={() => {
                setShowBcc(true);
                setFocusField('bcc');
              }}
            >
              {t.compose.showBcc}
            </Button>
          )}
        </div>
      </div>
      {showCc && (
        <ChipsField
          label={text('cc').label}
          inputRef={ccInput}
          parse={parseAddressChips}
          chips={cc.chips}
          text={cc.text}
          errors={problems.cc}
          onChange={(chips, typed) => {
            clearProblem('cc');
            setCc({ chips, text: typed });
          }}
        />
      )}
      {showBcc && (
        <ChipsField
          label={text('bcc').label}
          inputRef={bccInput}
          parse={parseAddressChips}
          chips={bcc.chips}
          text={bcc.text}
          errors={problems.bcc}
          onChange={(chips, typed) => {
            clearProblem('bcc');
            setBcc({ chips, text: typed });
          }}
        />
      )}

      <fieldset className={styles.standardTexts}>
        <legend className={styles.legend}>{t.compose.standardTexts}</legend>
        <Field label={t.compose.language}>
          <Select value={language} disabled={filling} onChange={(_e, data) => void fillStandardText(data.value as Language, null)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t.enums.language[l]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.compose.standardText} className={styles.grow}>
          <Select value={standardTextId ?? ''} disabled={filling || (texts.data?.standardTexts.length ?? 0) === 0} onChange={(_e, data) => data.value && void fillStandardText(language, data.value)}>
            {(texts.data?.standardTexts.length ?? 0) === 0 && <option value="">{t.compose.noStandardTexts}</option>}
            {standardTextId === null && (texts.data?.standardTexts.length ?? 0) > 0 && <option value="" />}
            {texts.data?.standardTexts.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
        {filling && <Spinner size="tiny" />}
      </fieldset>
      {missing.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>{t.compose.missingPlaceholders(missing.join(', '))}</MessageBarBody>
        </MessageBar>
      )}

      <Field {...field('subject')} required>
        <Input
          value={subject}
          onChange={(_e, data) => {
            clearProblem('subject');
            setSubject(data.value);
          }}
        />
      </Field>

      {attachmentsAllowed && (
        <AttachmentsField
          attachments={attachments}
          onChange={(next) => {
            clearProblem('attachmentIds');
            setAttachments(next);
          }}
          onBusyChange={setUploading}
          errors={problems.attachmentIds}
        />
      )}

      <Field {...field('body')}>
        <Textarea
          value={body}
          resize="vertical"
          rows={14}
          textarea={{ style: MONOSPACE, spellCheck: false }}
          onChange={(_e, data) => {
            clearProblem('body');
            setBody(data.value);
          }}
        />
      </Field>

      <div className={styles.row}>
        <Checkbox label={t.compose.schedule} checked={scheduled} onChange={(_e, data) => setScheduled(data.checked === true)} />
        {scheduled && (
          <DateField
            label={t.compose.sendAt}
            withTime
            value={sendAt}
            error={problems.sendAt?.join(' ')}
            onChange={(value) => {
              clearProblem('sendAt');
              setSendAt(value);
            }}
          />
        )}
      </div>

      <div className={styles.buttons}>
        {sending && (
          <div className={styles.progress}>
            <ProgressBar aria-label={t.compose.sending} />
          </div>
        )}
        {sending && <Spinner size="tiny" label={t.compose.sending} />}
        <Button type="submit" appearance="primary" icon={<Send20Regular />} disabled={sending}>
          {t.compose.send}
        </Button>
        {onSaveDraft && (
          <Button disabled={sending || saving} onClick={() => void saveDraft()}>
            {saving ? t.dialog.saving : t.drafts.save}
          </Button>
        )}
        {onDiscard && (
          <Button disabled={sending} onClick={onDiscard}>
            {t.drafts.discard}
          </Button>
        )}
        <Button disabled={sending} onClick={onCancel}>
          {t.compose.cancel}
        </Button>
      </div>
    </form>
  );
}

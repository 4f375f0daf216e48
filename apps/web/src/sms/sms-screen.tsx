import { useRef, useState } from 'react';
import { useMutation } from '@apollo/client/react';
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Send20Regular } from '@fluentui/react-icons';
import { MESSAGE_SOURCES, MESSAGE_SOURCE_INFO, normalizePhoneNumber, smsMessageSchema, validateSmsMessage, type MessageSource } from '@maestro/settings-schema';
import { fieldErrorsOf, messageOf } from '../api/graphql-errors';
import { PageFrame } from '../app/page-frame';
import { addChips, type Chip } from '../compose/chips';
import { ChipsField, chipValues } from '../compose/chips-field';
import { newIdempotencyKey } from '../compose/idempotency-key';
import type { MessageDetailFieldsFragment } from '../gql/graphql';
import { useFieldTexts } from '../i18n/field-texts';
import { sourceLabel, useLanguage, useT } from '../i18n/i18n';
import { StatusBadge } from '../messages/status-badge';
import { useCurrentMessage, useLiveMessages } from '../messages/use-live-messages';
import { parsePhoneChips } from './phone-chips';
import { useMe } from '../auth/me-context';
import { SmsCounter, tooManyPartsMessage } from './sms-counter';
import { SendSmsMutation } from './sms.operations';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  text: { fontFamily: 'Consolas, "Courier New", monospace' },
  buttons: {
    display: 'flex',
    justifyContent: 'flex-end',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

/** The programs that send text messages (the seed: device card, customer card, customisations). */
export const SMS_SOURCES: readonly MessageSource[] = MESSAGE_SOURCES.filter((s) => MESSAGE_SOURCE_INFO[s].channels.includes('SMS'));

/** While typing a number, its E.164 form, so the user sees how it was understood. */
function typingHint(t: ReturnType<typeof useT>) {
  return (text: string) => {
    const piece = text.split(/[;,]/).pop()?.trim() ?? '';
    if (piece.length < 5) return null;
    const result = normalizePhoneNumber(piece);
    return result.ok ? t.sms.normalized(result.e164) : null;
  };
}

/** Tekstiviesti: numbers as E.164 chips, the program, and the text with its live segment counter. */
export function SmsScreen() {
  const t = useT();
  const language = useLanguage();
  const styles = useStyles();
  const { smsMaxSegments } = useMe();
  const text = useFieldTexts(smsMessageSchema);
  const [source, setSource] = useState<MessageSource>('CUSTOMER_CARD');
  const [numbers, setNumbers] = useState<{ chips: Chip[]; text: string }>({ chips: [], text: '' });
  const [body, setBody] = useState('');
  const [problems, setProblems] = useState<{ to?: string[]; text?: string[] }>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sent, setSent] = useState<MessageDetailFieldsFragment[] | null>(null);
  const [sending, setSending] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());
  const tooLong = tooManyPartsMessage(body, smsMaxSegments, t);
  const inFlight = useRef(false);
  const [sendSms] = useMutation(SendSmsMutation);

  const send = async () => {
    if (inFlight.current) return;
    setGeneral(null);
    const to = chipValues(numbers.chips, numbers.text, parsePhoneChips);
    setNumbers((n) => ({ chips: addChips(n.chips, parsePhoneChips(n.text)), text: '' }));
    const invalid = [...numbers.chips, ...parsePhoneChips(numbers.text)].some((c) => c.problem);
    const found: { to?: string[]; text?: string[] } = {};
    const checked = validateSmsMessage({ to: to.length > 0 ? [to.join('; ')] : [], text: body });
    if (!checked.ok) {
      for (const p of checked.problems) {
        const key = p.path.startsWith('to') ? 'to' : 'text';
        if (key === 'to' && invalid) continue;
        found[key] = [...(found[key] ?? []), p.message[language]];
      }
    }
    // The server refuses a text over the limit (SMS_TOO_LONG) for every number: stop here instead.
    if (tooLong) found.text = [...(found.text ?? []), tooLong];
    setProblems(found);
    if (invalid || Object.keys(found).length > 0) {
      setGeneral(t.compose.fixFields);
      return;
    }
    inFlight.current = true;
    setSending(true);
    try {
      const result = await sendSms({ variables: { input: { source, to, text: body, idempotencyKey: idempotencyKey.current } } });
      setSent(result.data?.sendSms ?? []);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      const server: { to?: string[]; text?: string[] } = {};
      for (const f of fields) {
        const key = f.field.startsWith('to') ? 'to' : 'text';
        server[key] = [...(server[key] ?? []), f.message];
      }
      setProblems(server);
      setGeneral(fields.length > 0 ? t.compose.fixFields : messageOf(error, t));
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };

  if (sent) {
    return (
      <PageFrame title={t.sms.title}>
        <SmsOutcome
          messages={sent}
          onNew={() => {
            setSent(null);
            setNumbers({ chips: [], text: '' });
            setBody('');
            idempotencyKey.current = newIdempotencyKey();
          }}
        />
      </PageFrame>
    );
  }

  return (
    <PageFrame title={t.sms.title}>
      <form
        className={styles.form}
        aria-label={t.sms.title}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        {general && (
          <div role="alert">
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t.sms.sendFailed}</MessageBarTitle>
                {general}
              </MessageBarBody>
            </MessageBar>
          </div>
        )}
        <Field label={t.sms.program}>
          <Select value={source} onChange={(_e, data) => setSource(data.value as MessageSource)}>
            {SMS_SOURCES.map((s) => (
              <option key={s} value={s}>
                {sourceLabel(s, language)}
              </option>
            ))}
          </Select>
        </Field>
        <ChipsField
          label={text('to').label}
          required
          hint={t.sms.numbersHint}
          typingHint={typingHint(t)}
          parse={parsePhoneChips}
          chips={numbers.chips}
          text={numbers.text}
          errors={problems.to}
          onChange={(chips, typed) => {
            setProblems((p) => ({ ...p, to: undefined }));
            setGeneral(null);
            setNumbers({ chips, text: typed });
          }}
        />
        <Field
          label={text('text').label}
          required
          validationState={problems.text ? 'error' : tooLong ? 'warning' : 'none'}
          validationMessage={problems.text?.join(' ') ?? tooLong ?? undefined}
        >
          <Textarea
            value={body}
            rows={5}
            resize="vertical"
            textarea={{ className: styles.text }}
            onChange={(_e, data) => {
              setProblems((p) => ({ ...p, text: undefined }));
              setBody(data.value);
            }}
          />
        </Field>
        <SmsCounter text={body} maxSegments={smsMaxSegments} />
        <div className={styles.buttons}>
          {sending && <Spinner size="tiny" label={t.sms.sending} />}
          <Button type="submit" appearance="primary" icon={<Send20Regular />} disabled={sending}>
            {t.sms.send}
          </Button>
        </div>
      </form>
    </PageFrame>
  );
}

function SmsOutcomeRow({ message }: { message: MessageDetailFieldsFragment }) {
  const current = useCurrentMessage(message);
  useLiveMessages([current]);
  return (
    <TableRow>
      <TableCell>{current.to.join(', ')}</TableCell>
      <TableCell>
        <StatusBadge status={current.status} />
      </TableCell>
      <TableCell>{current.lastError?.message ?? current.smtpResponse ?? ''}</TableCell>
    </TableRow>
  );
}

function SmsOutcome({ messages, onNew }: { messages: MessageDetailFieldsFragment[]; onNew: () => void }) {
  const t = useT();
  const styles = useStyles();
  return (
    <div className={styles.form} aria-live="polite">
      <MessageBar intent="success">
        <MessageBarBody>
          <MessageBarTitle>{t.sms.resultTitle(messages.length)}</MessageBarTitle>
        </MessageBarBody>
      </MessageBar>
      <Table aria-label={t.sms.resultTitle(messages.length)}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t.sms.number}</TableHeaderCell>
            <TableHeaderCell>{t.sms.status}</TableHeaderCell>
            <TableHeaderCell>{t.messages.serverReply}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {messages.map((m) => (
            <SmsOutcomeRow key={m.id} message={m} />
          ))}
        </TableBody>
      </Table>
      <div>
        <Button appearance="primary" onClick={onNew}>
          {t.sms.newMessage}
        </Button>
      </div>
    </div>
  );
}

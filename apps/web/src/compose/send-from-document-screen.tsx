import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useApolloClient } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { LANGUAGES, type Language, type MessageSource } from '@maestro/settings-schema';
import { fieldErrorsOf, messageOf } from '../api/graphql-errors';
import { PageFrame } from '../app/page-frame';
import type { Dictionary } from '../i18n/dictionary';
import type { MessageDetailFieldsFragment } from '../gql/graphql';
import { useT } from '../i18n/i18n';
import { OpenDraft } from '../drafts/open-draft';
import { ComposeForm, type ComposeDraft } from './compose-form';
import { ComposeDraftQuery, SendMessageMutation } from './compose.operations';
import { sourceOf } from './compose-screen';
import { newIdempotencyKey } from './idempotency-key';
import { SendOutcome } from './send-outcome';

const useStyles = makeStyles({
  summary: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/**
 * How an ERP front-end opens the add-in: `/send?source=SALES_ORDER&documentRef=MT-1001&to=…&to=…
 * &attachmentIds=…&language=FI&standardTextId=…`; placeholder values as `var.customerName=…`
 * (documentNumber defaults to documentRef). A module that called startSend opens `/send?draft=<id>`.
 */
export interface SendRequest {
  source: MessageSource;
  documentRef: string | null;
  to: string[];
  attachmentIds: string[];
  language: Language | null;
  standardTextId: string | null;
  variables: Record<string, string>;
}

export function parseSendRequest(params: URLSearchParams, t: Dictionary): SendRequest | { error: string } {
  const rawSource = params.get('source');
  if (!rawSource) return { error: t.compose.missingSource };
  const source = sourceOf(rawSource);
  if (!source) return { error: t.compose.unknownSource(rawSource) };
  const documentRef = params.get('documentRef')?.trim() || null;
  const variables: Record<string, string> = {};
  if (documentRef) variables.documentNumber = documentRef;
  for (const [key, value] of params) if (key.startsWith('var.') && key.length > 4) variables[key.slice(4)] = value;
  const language = LANGUAGES.find((l) => l === params.get('language')?.toUpperCase()) ?? null;
  return {
    source,
    documentRef,
    to: params.getAll('to').filter((s) => s.trim() !== ''),
    // Each id once: the API numbers a missing one (`attachmentIds.<index>`) in the de-duplicated list.
    attachmentIds: [
      ...new Set(
        params
          .getAll('attachmentIds')
          .flatMap((s) => s.split(','))
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ],
    language,
    standardTextId: params.get('standardTextId') || null,
    variables,
  };
}

type Step =
  | { kind: 'loading' }
  | { kind: 'ask'; draft: ComposeDraft }
  | { kind: 'edit'; draft: ComposeDraft; invalidTo: string[]; notice: ReactNode }
  | { kind: 'sending' }
  | { kind: 'done'; message: MessageDetailFieldsFragment }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: string };

/**
 * The key for "send at once" lives as long as the tab: reloading the page returns the message that
 * was already stored instead of sending it again.
 */
function sendNowKey(search: string): string {
  const storageKey = `maestro.send.${search}`;
  const existing = window.sessionStorage.getItem(storageKey);
  if (existing) return existing;
  const key = newIdempotencyKey();
  window.sessionStorage.setItem(storageKey, key);
  return key;
}

const isRefusalOf = (error: unknown, reason: string) => CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'REFUSED' && e.extensions.reason === reason);

interface LoadedDraft {
  draft: ComposeDraft;
  /** The program's recipients that are not addresses (to show as red chips). */
  invalidTo: string[];
  /** Why named attachments were left out. */
  missingAttachments: string[];
}

/** The attachment ids a BAD_USER_INPUT refusal names as missing (`attachmentIds.<index>`), with why. */
function missingAttachmentsOf(error: unknown, attachmentIds: readonly string[]): { ids: Set<string>; messages: string[] } {
  const ids = new Set<string>();
  const messages: string[] = [];
  for (const f of fieldErrorsOf(error)) {
    const index = /^attachmentIds\.(\d+)$/.exec(f.field)?.[1];
    const id = index === undefined ? undefined : attachmentIds[Number(index)];
    if (id === undefined) continue;
    ids.add(id);
    messages.push(f.message);
  }
  return { ids, messages };
}

/**
 * composeDraft with what the program gave. Recipients that are not addresses, or attachment ids that
 * are not found, do not stop the user: the draft is asked again without them and opened for editing,
 * with the bad recipients as red chips and the missing files named.
 */
async function loadDraft(client: ApolloClient, request: SendRequest): Promise<LoadedDraft> {
  const input = {
    source: request.source,
    documentRef: request.documentRef,
    language: request.language,
    standardTextId: request.standardTextId,
    variables: request.variables,
  };
  const ask = async ({ to, attachmentIds }: { to?: string[]; attachmentIds?: string[] }) => {
    const given = { ...(to?.length ? { to } : {}), ...(attachmentIds?.length ? { attachmentIds } : {}) };
    const { data } = await client.query({ query: ComposeDraftQuery, variables: { input: { ...input, ...given } }, fetchPolicy: 'network-only' });
    return (data as NonNullable<typeof data>).composeDraft;
  };
  const to = request.to;
  const attachmentIds = request.attachmentIds;
  try {
    return { draft: await ask({ to, attachmentIds }), invalidTo: [], missingAttachments: [] };
  } catch (error) {
    const badRecipients = isRefusalOf(error, 'INVALID_RECIPIENTS') && to.length > 0;
    const missing = missingAttachmentsOf(error, attachmentIds);
    // Only what the program gave can be left out; any other refusal is the answer.
    if (!badRecipients && missing.ids.size === 0) throw error;
    // Ask again without what was refused; what is still wrong (if both were) comes out the second time.
    const retry = await loadDraft(client, { ...request, to: badRecipients ? [] : to, attachmentIds: attachmentIds.filter((id) => !missing.ids.has(id)) });
    return {
      draft: retry.draft,
      invalidTo: badRecipients ? to : retry.invalidTo,
      missingAttachments: [...missing.messages, ...retry.missingAttachments],
    };
  }
}

/** Route `/send`: composeDraft, then the program's send mode (Lähetä heti / Avaa muokattavaksi / Kysy lähetystapa). */
export function SendFromDocumentScreen() {
  const t = useT();
  const [params] = useSearchParams();
  const search = params.toString();
  const request = useMemo(() => parseSendRequest(new URLSearchParams(search), t), [search, t]);
  const draftId = params.get('draft');
  return (
    <PageFrame title={t.compose.title}>
      {draftId ? (
        <OpenDraft key={draftId} id={draftId} />
      ) : 'error' in request ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{request.error}</MessageBarBody>
        </MessageBar>
      ) : (
        <SendFromDocument key={search} request={request} search={search} />
      )}
    </PageFrame>
  );
}

function SendFromDocument({ request, search }: { request: SendRequest; search: string }) {
  const t = useT();
  const styles = useStyles();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const started = useRef(false);
  const tRef = useRef(t);
  tRef.current = t;
  // The draft the ask dialog shows, kept while the dialog closes.
  const askedRef = useRef<ComposeDraft | null>(null);
  if (step.kind === 'ask') askedRef.current = step.draft;
  const asked = askedRef.current;

  const sendNow = async (draft: ComposeDraft) => {
    setStep({ kind: 'sending' });
    const key = sendNowKey(search);
    try {
      const { data } = await client.mutate({
        mutation: SendMessageMutation,
        variables: {
          input: {
            source: draft.source,
            documentRef: draft.documentRef,
            to: draft.to.map((m) => m.formatted),
            cc: draft.cc.map((m) => m.formatted),
            bcc: draft.bcc.map((m) => m.formatted),
            subject: draft.subject,
            body: draft.body,
            attachmentIds: draft.attachmentsAllowed ? draft.attachments.map((a) => a.id) : [],
            language: draft.language,
            idempotencyKey: key,
            wait: true,
            // The draft composeDraft resolved already holds the default recipients and the signature.
            defaultRecipients: 'EXCLUDE',
            signature: 'NONE',
          },
        },
      });
      const message = data?.sendMessage;
      if (!message) throw new Error('The API answered without data.');
      if (message.status === 'FAILED') window.sessionStorage.removeItem(`maestro.send.${search}`);
      setStep({ kind: 'done', message });
    } catch (error) {
      // Refused before anything was stored: open the message so the user can fix what the server names.
      setStep({
        kind: 'edit',
        draft,
        invalidTo: [],
        notice: (
          <div role="alert">
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{tRef.current.compose.sendFailed}</MessageBarTitle>
                {messageOf(error, tRef.current)}
              </MessageBarBody>
            </MessageBar>
          </div>
        ),
      });
    }
  };

  useEffect(() => {
    // Once per page: React's development double effects must not ask (or send) twice.
    if (started.current) return;
    started.current = true;
    void (async () => {
      const t0 = tRef.current;
      try {
        const { draft, invalidTo, missingAttachments } = await loadDraft(client, request);
        const warn = (text: string) => (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{text}</MessageBarBody>
          </MessageBar>
        );
        if (invalidTo.length > 0 || missingAttachments.length > 0) {
          const text = [invalidTo.length > 0 ? t0.compose.invalidRecipientsFromDocument : '', ...missingAttachments].filter(Boolean).join(' ');
          setStep({ kind: 'edit', draft, invalidTo, notice: warn(text) });
        } else if (draft.sendMode === 'SEND_NOW' && draft.to.length === 0) {
          setStep({ kind: 'edit', draft, invalidTo: [], notice: warn(t0.compose.noRecipientsToSendNow) });
        } else if (draft.sendMode === 'SEND_NOW') {
          await sendNow(draft);
        } else if (draft.sendMode === 'ASK') {
          setStep({ kind: 'ask', draft });
        } else {
          setStep({ kind: 'edit', draft, invalidTo: [], notice: null });
        }
      } catch (error) {
        setStep({ kind: 'failed', error: messageOf(error, t0) });
      }
    })();
    // Runs once (the guard above); sendNow reads only its arguments, the client and the search.
  }, [client, request]);

  const content = (() => {
    switch (step.kind) {
      case 'loading':
        return <Spinner label={t.app.loading} />;
      case 'sending':
        return <Spinner label={t.compose.sending} />;
      case 'failed':
        return (
          <div role="alert">
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t.compose.sendFailed}</MessageBarTitle>
                {step.error}
              </MessageBarBody>
            </MessageBar>
          </div>
        );
      case 'cancelled':
        return (
          <MessageBar intent="info">
            <MessageBarBody>{t.compose.notSent}</MessageBarBody>
          </MessageBar>
        );
      case 'done':
        return <SendOutcome message={step.message} actions={<Button onClick={() => void navigate('/')}>{t.compose.close}</Button>} />;
      case 'edit':
        return (
          <ComposeForm
            draft={step.draft}
            invalidTo={step.invalidTo}
            variables={request.variables}
            notice={step.notice}
            onSent={(message) => setStep({ kind: 'done', message })}
            onCancel={() => setStep({ kind: 'cancelled' })}
          />
        );
      case 'ask':
        return null;
    }
  })();

  // The dialog stays mounted and closes through `open`: unmounted while open, Fluent's modalizer
  // left the whole app aria-hidden, and screen readers found no button in the form it opened.
  return (
    <>
      {content}
      <Dialog open={step.kind === 'ask'} modalType="alert">
        <DialogSurface>
          {asked && (
            <DialogBody>
              <DialogTitle>{t.compose.askTitle}</DialogTitle>
              <DialogContent className={styles.summary}>
                <Text>{t.compose.askBody}</Text>
                <Text weight="semibold">{asked.subject}</Text>
                <Text>{asked.to.map((m) => m.formatted).join('; ')}</Text>
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={() => void sendNow(asked)}>
                  {t.compose.sendNow}
                </Button>
                <Button onClick={() => setStep({ kind: 'edit', draft: asked, invalidTo: [], notice: null })}>{t.compose.openForEdit}</Button>
                <Button onClick={() => setStep({ kind: 'cancelled' })}>{t.compose.cancel}</Button>
              </DialogActions>
            </DialogBody>
          )}
        </DialogSurface>
      </Dialog>
    </>
  );
}

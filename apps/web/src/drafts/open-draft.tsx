import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { messageOf } from '../api/graphql-errors';
import { ComposeForm, type ComposedContent } from '../compose/compose-form';
import { SendOutcome } from '../compose/send-outcome';
import { ConfirmDialog } from '../forms/confirm-dialog';
import type { DraftFieldsFragment, MessageDetailFieldsFragment } from '../gql/graphql';
import { useT } from '../i18n/i18n';
import { DiscardDraftMutation, DraftQuery, SendDraftMutation, UpdateDraftMutation } from './drafts.operations';

const useStyles = makeStyles({
  summary: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

type Step =
  | { kind: 'open' }
  | { kind: 'edit' }
  | { kind: 'sending' }
  | { kind: 'done'; message: MessageDetailFieldsFragment }
  | { kind: 'discarded' };

/** The draft as the person left it: the lists are final, the signature is in the body. */
function contentOf(draft: DraftFieldsFragment): ComposedContent {
  return {
    to: draft.to.map((m) => m.formatted),
    cc: draft.cc.map((m) => m.formatted),
    bcc: draft.bcc.map((m) => m.formatted),
    subject: draft.subject,
    body: draft.body,
    attachmentIds: draft.attachmentsAllowed ? draft.attachments.map((a) => a.id) : [],
    language: draft.language,
  };
}

/**
 * `/send?draft=<id>`: a draft a program stored for this user (startSend). It opens prefilled with its
 * attachments — as the program's send mode says: Kysy lähetystapa asks first — and the user sends it,
 * saves it, throws it away, or leaves it in Luonnokset.
 */
export function OpenDraft({ id }: { id: string }) {
  const t = useT();
  const styles = useStyles();
  const client = useApolloClient();
  const navigate = useNavigate();
  const query = useQuery(DraftQuery, { variables: { id }, fetchPolicy: 'network-only' });
  const [step, setStep] = useState<Step>({ kind: 'open' });
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<ReactNode>(null);

  const send = async (content: ComposedContent & { sendAt?: string | null; wait?: boolean }) => {
    const { data } = await client.mutate({ mutation: SendDraftMutation, variables: { id, input: { ...content, sendAt: content.sendAt ?? null, wait: content.wait ?? true } } });
    return data?.sendDraft;
  };

  if (query.error || (!query.loading && !query.data)) {
    return (
      <div role="alert">
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.drafts.notAvailable}</MessageBarTitle>
            {messageOf(query.error, t)}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void navigate('/drafts')}>{t.drafts.toDrafts}</Button>
          </MessageBarActions>
        </MessageBar>
      </div>
    );
  }
  const draft = query.data?.draft;
  if (!draft) return <Spinner label={t.app.loading} />;

  const discard = async () => {
    setBusy(true);
    try {
      await client.mutate({ mutation: DiscardDraftMutation, variables: { id }, refetchQueries: ['Drafts'] });
      setConfirmDiscard(false);
      setStep({ kind: 'discarded' });
    } catch (error) {
      setConfirmDiscard(false);
      setNotice(
        <div role="alert">
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t.drafts.discardFailed}</MessageBarTitle>
              {messageOf(error, t)}
            </MessageBarBody>
          </MessageBar>
        </div>,
      );
    } finally {
      setBusy(false);
    }
  };

  const sendAsItIs = async () => {
    setStep({ kind: 'sending' });
    try {
      const message = await send(contentOf(draft));
      if (!message) throw new Error('The API answered without data.');
      setStep({ kind: 'done', message });
    } catch (error) {
      setStep({ kind: 'edit' });
      setNotice(
        <div role="alert">
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t.compose.sendFailed}</MessageBarTitle>
              {messageOf(error, t)}
            </MessageBarBody>
          </MessageBar>
        </div>,
      );
    }
  };

  const hold = draft.hold === 'INCOMPLETE' ? t.drafts.holdIncomplete : draft.hold === 'HAND_OFF' ? t.drafts.holdHandOff : null;
  const toDrafts = <Button onClick={() => void navigate('/drafts')}>{t.drafts.toDrafts}</Button>;

  switch (step.kind) {
    case 'sending':
      return <Spinner label={t.compose.sending} />;
    case 'done':
      return <SendOutcome message={step.message} actions={toDrafts} />;
    case 'discarded':
      return (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t.drafts.discarded}</MessageBarBody>
          <MessageBarActions>{toDrafts}</MessageBarActions>
        </MessageBar>
      );
    case 'open':
      if (draft.sendMode === 'ASK') {
        return (
          <Dialog open modalType="alert">
            <DialogSurface>
              <DialogBody>
                <DialogTitle>{t.compose.askTitle}</DialogTitle>
                <DialogContent className={styles.summary}>
                  <Text>{t.compose.askBody}</Text>
                  <Text weight="semibold">{draft.subject}</Text>
                  <Text>{[...draft.to, ...draft.cc].map((m) => m.formatted).join('; ')}</Text>
                </DialogContent>
                <DialogActions>
                  <Button appearance="primary" onClick={() => void sendAsItIs()}>
                    {t.compose.sendNow}
                  </Button>
                  <Button onClick={() => setStep({ kind: 'edit' })}>{t.compose.openForEdit}</Button>
                  <Button onClick={() => void navigate('/drafts')}>{t.compose.cancel}</Button>
                </DialogActions>
              </DialogBody>
            </DialogSurface>
          </Dialog>
        );
      }
      return renderForm();
    case 'edit':
      return renderForm();
  }

  function renderForm() {
    const current = draft as DraftFieldsFragment;
    return (
      <>
        <ComposeForm
          draft={current}
          variables={Object.fromEntries(Object.entries(current.variables).map(([k, v]) => [k, String(v)]))}
          notice={
            <>
              {hold && (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>{hold}</MessageBarBody>
                </MessageBar>
              )}
              {notice}
            </>
          }
          submit={send}
          onSaveDraft={async (content) => {
            await client.mutate({ mutation: UpdateDraftMutation, variables: { id, input: content } });
            setNotice(
              <MessageBar intent="success">
                <MessageBarBody>{t.drafts.saved}</MessageBarBody>
              </MessageBar>,
            );
          }}
          onDiscard={() => setConfirmDiscard(true)}
          onSent={(message) => setStep({ kind: 'done', message })}
          onCancel={() => void navigate('/drafts')}
        />
        <ConfirmDialog
          open={confirmDiscard}
          title={t.drafts.discardTitle}
          body={t.drafts.discardBody}
          confirmLabel={t.drafts.discard}
          busy={busy}
          onConfirm={() => void discard()}
          onCancel={() => setConfirmDiscard(false)}
        />
      </>
    );
  }
}

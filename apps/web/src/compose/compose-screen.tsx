import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Button } from '@fluentui/react-components';
import { MESSAGE_SOURCES, type MessageSource } from '@maestro/settings-schema';
import { LoadState, PageFrame } from '../app/page-frame';
import type { MessageDetailFieldsFragment } from '../gql/graphql';
import { useT } from '../i18n/i18n';
import { ComposeForm } from './compose-form';
import { ComposeDraftQuery } from './compose.operations';
import { SendOutcome } from './send-outcome';

/** The seed's example message was opened from the customer card's Lähetä viesti button. */
const DEFAULT_SOURCE: MessageSource = 'CUSTOMER_CARD';

export function sourceOf(value: string | null): MessageSource | null {
  return MESSAGE_SOURCES.find((s) => s === value) ?? null;
}

/** Lähetä viesti from the navigation: a new message, its program chosen in the form. */
export function ComposeScreen() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const source = sourceOf(params.get('source')) ?? DEFAULT_SOURCE;
  const draft = useQuery(ComposeDraftQuery, { variables: { input: { source } }, fetchPolicy: 'network-only' });
  const [sent, setSent] = useState<MessageDetailFieldsFragment | null>(null);
  const [session, setSession] = useState(0);

  return (
    <PageFrame title={t.compose.title}>
      <LoadState loading={!draft.data} error={draft.error} onRetry={() => void draft.refetch()}>
        {sent ? (
          <SendOutcome
            message={sent}
            actions={
              <Button
                appearance="primary"
                onClick={() => {
                  setSent(null);
                  setSession((n) => n + 1);
                  void draft.refetch();
                }}
              >
                {t.compose.newMessage}
              </Button>
            }
          />
        ) : (
          draft.data && <ComposeForm key={session} draft={draft.data.composeDraft} chooseSource onSent={setSent} onCancel={() => void navigate('/')} />
        )}
      </LoadState>
    </PageFrame>
  );
}

import { useEffect } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import type { MessageDetailFieldsFragment, MessageStatus } from '../gql/graphql';
import { MessageQuery } from './messages.operations';

/** On their way: the dispatcher may change them any moment. */
export const PENDING_STATUSES: readonly MessageStatus[] = ['QUEUED', 'SENDING', 'RETRYING', 'PARTIALLY_SENT'];

/** How often a pending message is asked again while someone watches it. */
export const LIVE_POLL_MS = 3000;

/** A message waiting for a later time (a retry in 20 minutes, a scheduled send) is asked only when it is nearly due. */
const DUE_SOON_MS = 15_000;

/** At most this many messages are followed at a time (a page of the outbox). */
const MAX_FOLLOWED = 25;

export interface LiveMessage {
  id: string;
  status: MessageStatus;
  nextAttemptAt: string | null;
}

export function isPending(message: Pick<LiveMessage, 'status'>): boolean {
  return PENDING_STATUSES.includes(message.status);
}

/**
 * Keeps the statuses of the given messages live: while any of them is queued, being sent or waiting for
 * a retry, each that is due soon is asked again (`message(id)`) every few seconds; the answers land in
 * the Apollo cache, so every list and pane showing the message updates. Stops when nothing is pending.
 * Returns whether it is following anything.
 */
export function useLiveMessages(messages: readonly LiveMessage[], intervalMs = LIVE_POLL_MS): boolean {
  const client = useApolloClient();
  const followed = messages.filter(isPending).slice(0, MAX_FOLLOWED);
  const key = followed.map((m) => `${m.id}|${m.nextAttemptAt ?? ''}|${m.status}`).join(',');

  useEffect(() => {
    if (key === '') return;
    const entries = key.split(',').map((entry) => {
      const [id, next, status] = entry.split('|');
      return { id: id as string, next: next ? Date.parse(next) : null, status };
    });
    const timer = setInterval(() => {
      const now = Date.now();
      for (const entry of entries) {
        const dueSoon = entry.status === 'SENDING' || entry.next === null || entry.next - now < DUE_SOON_MS;
        if (dueSoon) void client.query({ query: MessageQuery, variables: { id: entry.id }, fetchPolicy: 'network-only' }).catch(() => undefined);
      }
    }, intervalMs);
    return () => clearInterval(timer);
  }, [client, key, intervalMs]);

  return followed.length > 0;
}

/** The message as the cache has it now (the poll keeps it live), else as the mutation answered. */
export function useCurrentMessage(message: MessageDetailFieldsFragment): MessageDetailFieldsFragment {
  const query = useQuery(MessageQuery, { variables: { id: message.id }, fetchPolicy: 'cache-only' });
  return query.data?.message ?? message;
}

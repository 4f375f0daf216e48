import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { MessageStatus } from '../gql/graphql';
import { useT } from '../i18n/i18n';

const COLOR: Record<MessageStatus, BadgeProps['color']> = {
  QUEUED: 'informative',
  SENDING: 'brand',
  SENT: 'success',
  PARTIALLY_SENT: 'warning',
  RETRYING: 'warning',
  FAILED: 'danger',
  CANCELLED: 'subtle',
  HANDED_OFF: 'important',
};

/** A message's status in words, coloured as Outlook colours its states. */
export function StatusBadge({ status }: { status: MessageStatus }) {
  const t = useT();
  return (
    <Badge appearance="tint" color={COLOR[status]} data-status={status}>
      {t.enums.messageStatus[status]}
    </Badge>
  );
}

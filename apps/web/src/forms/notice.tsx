import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export interface NoticeState {
  intent: 'success' | 'error';
  text: string;
}

/** The outcome of the last action on a screen; errors are announced. */
export function Notice({ notice }: { notice: NoticeState | null }) {
  if (!notice) return null;
  return (
    <div role={notice.intent === 'error' ? 'alert' : 'status'}>
      <MessageBar intent={notice.intent} layout="multiline">
        <MessageBarBody>{notice.text}</MessageBarBody>
      </MessageBar>
    </div>
  );
}

// Route entries of the messages chunk: one folder each.
import { MessagesScreen } from './messages-screen';

export function SentScreen() {
  return <MessagesScreen folder="sent" />;
}

export function OutboxScreen() {
  return <MessagesScreen folder="outbox" />;
}

export function FailedScreen() {
  return <MessagesScreen folder="failed" />;
}

export function HandedOffScreen() {
  return <MessagesScreen folder="handedOff" />;
}

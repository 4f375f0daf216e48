import type { Caller } from '../../src/common/caller';
import type { MessageArchive } from '../../src/modules/messages/archive/message-archive.service';
import type { MessageStatus } from '../../src/modules/messages/lifecycle/message-states';
import { MessageLifecycle } from '../../src/modules/messages/lifecycle/message-lifecycle.service';
import { MessageEvents } from '../../src/modules/messages/message-events';
import type { OutboundMessageEntity } from '../../src/modules/messages/outbound-message.entity';

const caller = { kind: 'USER', userId: 'u1', companyId: 'c1', role: 'USER', username: 'myyja' } as Caller;

/** An archive that answers the statuses in turn; `onRead` runs while a read is under way. */
function archiveOf(statuses: MessageStatus[], onRead: (read: number) => void = () => undefined): Pick<MessageArchive, 'get'> {
  let reads = 0;
  return {
    get: async (_caller: Caller, id: string) => {
      reads += 1;
      onRead(reads);
      return { id, status: statuses[Math.min(reads, statuses.length) - 1] } as OutboundMessageEntity;
    },
  };
}

describe('waiting for a message with wait: true', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const waitOn = (archive: Pick<MessageArchive, 'get'>, events: MessageEvents) => {
    const lifecycle = new MessageLifecycle(null as never, archive as MessageArchive, events, { retryMaxAgeMs: 1 });
    let answer: OutboundMessageEntity | null = null;
    void lifecycle.waitForFinal(caller, 'm1', 15_000).then((message) => (answer = message));
    return () => answer;
  };

  it('answers at once when the message is sent while its status is being read', async () => {
    const events = new MessageEvents();
    const archive = archiveOf(['QUEUED', 'SENT'], (read) => {
      if (read === 1) events.emit({ id: 'm1', companyId: 'c1', status: 'SENT' });
    });
    const answer = waitOn(archive, events);
    // No poll interval passes: only the told change can end the wait.
    await jest.advanceTimersByTimeAsync(1);
    expect(answer()).toMatchObject({ status: 'SENT' });
  });

  it('ignores changes of other messages', async () => {
    const events = new MessageEvents();
    const answer = waitOn(archiveOf(['QUEUED', 'SENT'], () => events.emit({ id: 'm2', companyId: 'c1', status: 'SENT' })), events);
    await jest.advanceTimersByTimeAsync(1);
    expect(answer()).toBeNull();
  });

  it('looks again after a quarter second for a change another process made', async () => {
    const events = new MessageEvents();
    const answer = waitOn(archiveOf(['QUEUED', 'SENT']), events);
    await jest.advanceTimersByTimeAsync(249);
    expect(answer()).toBeNull();
    await jest.advanceTimersByTimeAsync(1);
    expect(answer()).toMatchObject({ status: 'SENT' });
  });
});

import { Writable } from 'node:stream';
import { createLogger } from '../../src/common/logger';
import { requestLogger } from '../../src/common/request-logger';

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const base = createLogger(level, destination);
  const child = jest.spyOn(base, 'child');
  return { base, lines, children: () => child.mock.calls.length };
}

describe('a request’s logger', () => {
  it('makes no child logger for a request that writes no line, or only lines below the level', () => {
    const { base, children } = capture('warn');
    const log = requestLogger(base, { requestId: 'r-1' });
    log.info({ messageId: 'm-1' }, 'message accepted');
    log.debug('details');
    expect(children()).toBe(0);
  });

  it('writes a line with the request id once the level is on, through one child for the whole request', async () => {
    const { base, lines, children } = capture('info');
    const log = requestLogger(base, { requestId: 'r-2' });
    log.info({ messageId: 'm-2' }, 'message accepted');
    log.warn('second');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => [line.requestId, line.msg])).toEqual([
      ['r-2', 'message accepted'],
      ['r-2', 'second'],
    ]);
    expect(children()).toBe(1);
  });

  it('still redacts what a line carries', async () => {
    const { base, lines } = capture('info');
    requestLogger(base, { requestId: 'r-3' }).error({ account: { password: 'salainen' } }, 'failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(JSON.stringify(lines)).not.toContain('salainen');
    expect(lines[0]).toMatchObject({ requestId: 'r-3', account: { password: '[redacted]' } });
  });
});

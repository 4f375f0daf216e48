import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { startTestApi, type TestApi } from '../support/test-api';

describe('/metrics', () => {
  let api: TestApi;
  let smtp: RunningSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ onMail: (envelope) => (envelope.to.some((t) => t.startsWith('torju')) ? { code: 554, message: '5.7.1 No' } : null) });
    api = await startTestApi('sqlite', { env: { MAESTRO_METRICS_TOKEN: 'mittari' } });
    await api.useSmtpServer(api.a.id, smtp);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  const scrape = async () => (await fetch(`${api.url}/metrics`, { headers: { authorization: 'Bearer mittari' } })).text();

  it('wants the metrics token when one is configured', async () => {
    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
  });

  it('counts messages by status and channel, send durations, failures by code and the queue', async () => {
    const caller = { kind: 'USER' as const, userId: api.a.user.id, companyId: api.a.id, role: 'USER' as const, username: 'a-user' };
    const s = api.runtime.services.messageIntake;
    await s.send(caller, { source: 'QUOTE', to: ['ok@asiakas.fi'], subject: 'a', body: 'b' });
    await s.send(caller, { source: 'QUOTE', to: ['torju@asiakas.fi'], subject: 'a', body: 'b' });
    await s.send(caller, { source: 'QUOTE', to: ['later@asiakas.fi'], subject: 'a', body: 'b', sendAt: new Date(Date.now() + 3600_000) });
    const before = await scrape();
    expect(before).toMatch(/maestro_queue_depth 2/);
    expect(before).toMatch(/maestro_oldest_due_message_age_seconds \d/);
    await api.drain();
    const after = await scrape();
    expect(after).toMatch(/maestro_messages\{status="SENT",channel="EMAIL"\} 1/);
    expect(after).toMatch(/maestro_messages\{status="FAILED",channel="EMAIL"\} 1/);
    expect(after).toMatch(/maestro_messages\{status="QUEUED",channel="EMAIL"\} 1/);
    expect(after).toMatch(/maestro_send_failures_total\{code="MESSAGE_REJECTED",permanent="true"\} 1/);
    expect(after).toMatch(/maestro_send_duration_seconds_count\{channel="EMAIL",outcome="sent"\} 1/);
    expect(after).toMatch(/maestro_messages_accepted_total\{channel="EMAIL"\} 3/);
    expect(after).toMatch(/maestro_queue_depth 0/);
  });

  it('has no address or subject in any label', async () => {
    const text = await scrape();
    expect(text).not.toMatch(/asiakas\.fi|yritys\.fi/);
  });
});

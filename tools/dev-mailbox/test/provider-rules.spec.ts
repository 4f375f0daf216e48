import nodemailer from 'nodemailer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { startSmtpServer, type RunningSmtpServer } from '../src';

let server: RunningSmtpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const MAIL = { from: 'yritys@yritys.fi', to: 'müller@firma.de', subject: 'Hei', text: 'Hei!' };

function transport(s: RunningSmtpServer, name: string) {
  return nodemailer.createTransport({ host: s.host, port: s.port, ignoreTLS: true, name, connectionTimeout: 2000, greetingTimeout: 1500 });
}

it('records the name each client greets with, and the message keeps it', async () => {
  server = await startSmtpServer();
  await transport(server, 'erp.yritys.fi').sendMail({ ...MAIL, to: 'a@asiakas.fi' });
  expect(server.ehloNames).toEqual(['erp.yritys.fi']);
  expect(server.messages[0]?.session.ehloName).toBe('erp.yritys.fi');
});

it('answers EHLO with the given refusal (421 closes the connection), as a strict relay does', async () => {
  server = await startSmtpServer({ ehlo: (name) => (name.includes('.') && !name.startsWith('[') ? null : { code: 421, message: '4.7.0 Try again later, closing connection. (EHLO)' }) });
  await expect(transport(server, 'erp').sendMail({ ...MAIL, to: 'a@asiakas.fi' })).rejects.toMatchObject({ responseCode: 421, command: 'EHLO' });
  await expect(transport(server, 'erp.yritys.fi').sendMail({ ...MAIL, to: 'a@asiakas.fi' })).resolves.toMatchObject({ accepted: ['a@asiakas.fi'] });
});

it('offers SMTPUTF8 by default and notes when MAIL FROM asked for it', async () => {
  server = await startSmtpServer();
  await transport(server, 'erp.yritys.fi').sendMail(MAIL);
  expect(server.messages[0]?.envelope.to).toEqual(['müller@firma.de']);
  expect(server.messages[0]?.session.smtpUtf8).toBe(true);
});

/** The server's answer to EHLO, as a client reads it. */
function ehloReply(s: RunningSmtpServer): Promise<string> {
  const connection = new SMTPConnection({ host: s.host, port: s.port, ignoreTLS: true, name: 'erp.yritys.fi' });
  return new Promise((resolve, reject) => {
    connection.on('error', reject);
    connection.connect(() => {
      const reply = connection.lastServerResponse || '';
      connection.quit();
      resolve(reply);
    });
  });
}

it('leaves SMTPUTF8 out of its EHLO reply when told to, as an older server', async () => {
  server = await startSmtpServer({ smtputf8: false });
  expect(await ehloReply(server)).not.toContain('SMTPUTF8');
  await server.close();
  server = await startSmtpServer();
  expect(await ehloReply(server)).toContain('SMTPUTF8');
});

it('refuses MAIL FROM beyond the allowed simultaneous connections with 432 4.3.2, and counts the peak', async () => {
  server = await startSmtpServer({ maxConnections: 1 });
  const pool = nodemailer.createTransport({ host: server.host, port: server.port, ignoreTLS: true, pool: true, maxConnections: 2, name: 'erp.yritys.fi' });
  try {
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => pool.sendMail({ ...MAIL, to: `a${n}@asiakas.fi` })));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as { responseCode?: number });
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((err) => err.responseCode === 432)).toBe(true);
    expect(server.peakConnections).toBe(2);
  } finally {
    pool.close();
  }
});

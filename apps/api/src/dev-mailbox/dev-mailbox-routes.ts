import { Router, type NextFunction, type Request, type Response } from 'express';
import { In } from 'typeorm';
import type { ReceivedMail, RunningSmtpServer } from '@maestro/dev-mailbox';
import type { Services } from '../app/services';
import { setAttachmentHeaders } from '../app/security-headers';
import type { Caller } from '../common/caller';
import { OutboundMessageEntity } from '../modules/messages/outbound-message.entity';
import { DEV_MAILBOX_PAGE, DEV_MAILBOX_SCRIPT } from './dev-mailbox-page';

/** Host names the dev mailbox answers to: it runs only on a loopback address (see config). */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/**
 * DNS rebinding: a web page on evil.example whose name later resolves to 127.0.0.1 would reach this
 * port in the victim's browser. Its requests carry its own name in Host: only the loopback names pass.
 */
function loopbackHostOnly(req: Request, res: Response, next: NextFunction): void {
  const host = (req.header('host') ?? '').toLowerCase().replace(/:\d+$/, '');
  if (LOOPBACK_NAMES.has(host)) return next();
  refuse(res, 421, 'MISDIRECTED', 'The dev mailbox answers only to 127.0.0.1, localhost or [::1].');
}

/**
 * The dev mailbox's window: what the embedded SMTP server on 127.0.0.1 received. Mounted only when the
 * dev mailbox runs, which it does only on a loopback address and never hosted (see config). The
 * pages themselves hold no mail; their script fetches it as JSON with an admin's token, and an admin
 * sees only what their own company sent (the messages whose Message-ID is one of the company's).
 */
export function devMailboxRoutes(mailbox: RunningSmtpServer, services: Services): Router {
  const router = Router();
  router.use('/dev-mailbox', loopbackHostOnly);

  const adminOf = async (req: Request, res: Response): Promise<Caller | null> => {
    const caller = await services.auth.callerFor(req.header('authorization'));
    if (!caller) {
      refuse(res, 401, 'UNAUTHENTICATED', 'Log in as an administrator: send Authorization: Bearer <token>.');
      return null;
    }
    if (caller.kind !== 'USER' || caller.role !== 'ADMIN') {
      refuse(res, 403, 'FORBIDDEN', 'The dev mailbox is for administrators.');
      return null;
    }
    return caller;
  };

  /** The kept mails that the company sent, newest first. */
  const companyMail = async (companyId: string): Promise<Array<{ mail: ReceivedMail; summary: Awaited<ReturnType<ReceivedMail['summary']>> }>> => {
    const all = await Promise.all(mailbox.messages.map(async (mail) => ({ mail, summary: await mail.summary() })));
    const ids = [...new Set(all.map((m) => m.summary.messageId).filter(Boolean))];
    const ours = new Set<string>();
    for (let i = 0; i < ids.length; i += 200) {
      const rows = await services.db.getRepository(OutboundMessageEntity).find({ select: { messageId: true }, where: { companyId, messageId: In(ids.slice(i, i + 200)) } });
      for (const row of rows) ours.add(row.messageId);
    }
    return all.filter((m) => ours.has(m.summary.messageId)).reverse();
  };

  const findMail = async (companyId: string, id: string) => (await companyMail(companyId)).find((m) => m.mail.id === id)?.mail;

  router.get('/dev-mailbox/app.js', (_req, res) => {
    res.type('text/javascript').setHeader('cache-control', 'no-store');
    res.send(DEV_MAILBOX_SCRIPT);
  });

  router.get('/dev-mailbox', async (req, res) => {
    if (req.query.format !== 'json') {
      res.type('html').send(DEV_MAILBOX_PAGE);
      return;
    }
    const caller = await adminOf(req, res);
    if (!caller) return;
    res.setHeader('cache-control', 'private, no-store');
    res.json((await companyMail(caller.companyId)).map((m) => m.summary));
  });

  router.get('/dev-mailbox/:id', async (req, res) => {
    if (req.query.format !== 'json' && req.query.format !== 'eml') {
      res.type('html').send(DEV_MAILBOX_PAGE);
      return;
    }
    const caller = await adminOf(req, res);
    if (!caller) return;
    const mail = await findMail(caller.companyId, req.params.id);
    if (!mail) {
      refuse(res, 404, 'NOT_FOUND', 'No such message in the dev mailbox.');
      return;
    }
    setAttachmentHeaders(res);
    if (req.query.format === 'eml') {
      res.setHeader('content-disposition', `attachment; filename="${mail.id}.eml"`);
      res.type('message/rfc822').send(mail.raw);
      return;
    }
    const parsed = await mail.parse();
    const list = (value: typeof parsed.to) => (Array.isArray(value) ? value.map((t) => t.text).join(', ') : (value?.text ?? ''));
    res.json({
      id: mail.id,
      subject: parsed.subject ?? '',
      from: parsed.from?.text ?? '',
      to: list(parsed.to),
      cc: list(parsed.cc),
      envelope: mail.envelope,
      messageId: parsed.messageId ?? '',
      secure: mail.session.secure,
      text: parsed.text ?? '',
      attachments: parsed.attachments.map((a, index) => ({ index, filename: a.filename ?? `liite-${index + 1}`, contentType: a.contentType, size: a.size })),
    });
  });

  router.get('/dev-mailbox/:id/attachments/:index', async (req, res) => {
    const caller = await adminOf(req, res);
    if (!caller) return;
    const mail = await findMail(caller.companyId, req.params.id);
    const attachment = mail ? (await mail.parse()).attachments[Number(req.params.index)] : undefined;
    if (!attachment) {
      refuse(res, 404, 'NOT_FOUND', 'No such attachment.');
      return;
    }
    // Whatever was mailed is handed over as bytes to save, never shown in this origin.
    setAttachmentHeaders(res);
    res.setHeader('content-type', 'application/octet-stream');
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename ?? 'liite')}`);
    res.send(attachment.content);
  });

  return router;
}

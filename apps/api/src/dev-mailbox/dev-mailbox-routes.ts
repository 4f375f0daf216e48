import { Router } from 'express';
import type { RunningSmtpServer } from '@maestro/dev-mailbox';
import { escapeHtml } from '@maestro/mail-core';

const PAGE_STYLE = `body{font-family:Segoe UI,system-ui,sans-serif;margin:24px;color:#242424}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;font-size:14px}th{background:#f5f5f5}
pre{font-family:Consolas,'Courier New',monospace;background:#fafafa;border:1px solid #eee;padding:12px;white-space:pre-wrap}
a{color:#0f6cbd}.meta td:first-child{color:#616161;width:140px}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head><body>${body}</body></html>`;
}

/**
 * The dev mailbox's window: what the embedded SMTP server on 127.0.0.1 received. Only mounted when
 * the dev mailbox runs (the embedded default); production has no such route. JSON at ?format=json.
 */
export function devMailboxRoutes(mailbox: RunningSmtpServer): Router {
  const router = Router();

  router.get('/dev-mailbox', async (req, res) => {
    const summaries = await Promise.all(mailbox.messages.slice().reverse().map((m) => m.summary()));
    if (req.query.format === 'json') {
      res.json(summaries);
      return;
    }
    const rows = summaries
      .map((s) => `<tr><td>${escapeHtml(s.receivedAt.toLocaleString('fi-FI'))}</td><td>${escapeHtml(s.from)}</td><td>${escapeHtml(s.to.join(', '))}</td><td><a href="/dev-mailbox/${encodeURIComponent(s.id)}">${escapeHtml(s.subject || '(ei otsikkoa)')}</a></td><td>${s.size}</td></tr>`)
      .join('');
    res.type('html').send(
      page(
        'Dev mailbox',
        `<h1>Dev mailbox</h1><p>SMTP 127.0.0.1:${mailbox.port} — ${mailbox.count} viestiä vastaanotettu. Nothing here leaves this machine.</p>
         <table><thead><tr><th>Vastaanotettu</th><th>Lähettäjä</th><th>Vastaanottajat (envelope)</th><th>Otsikko</th><th>Tavua</th></tr></thead><tbody>${rows || '<tr><td colspan="5">Ei viestejä vielä.</td></tr>'}</tbody></table>`,
      ),
    );
  });

  router.get('/dev-mailbox/:id', async (req, res) => {
    const mail = mailbox.messages.find((m) => m.id === req.params.id);
    if (!mail) {
      res.status(404).type('text/plain').send('No such message in the dev mailbox.');
      return;
    }
    if (req.query.format === 'eml') {
      res.type('message/rfc822').send(mail.raw);
      return;
    }
    const parsed = await mail.parse();
    const attachments = parsed.attachments.map((a, i) => `<li><a href="/dev-mailbox/${encodeURIComponent(mail.id)}/attachments/${i}">${escapeHtml(a.filename ?? `liite-${i + 1}`)}</a> (${escapeHtml(a.contentType)}, ${a.size} B)</li>`).join('');
    const header = (name: string, value: string | undefined) => `<tr><td>${name}</td><td>${escapeHtml(value ?? '')}</td></tr>`;
    res.type('html').send(
      page(
        parsed.subject ?? 'Viesti',
        `<p><a href="/dev-mailbox">← Dev mailbox</a> · <a href="/dev-mailbox/${encodeURIComponent(mail.id)}?format=eml">.eml</a></p>
         <h1>${escapeHtml(parsed.subject ?? '(ei otsikkoa)')}</h1>
         <table class="meta">${header('Lähettäjä', parsed.from?.text)}${header('Vastaanottaja', Array.isArray(parsed.to) ? parsed.to.map((t) => t.text).join(', ') : parsed.to?.text)}${header('Kopio', Array.isArray(parsed.cc) ? parsed.cc.map((t) => t.text).join(', ') : parsed.cc?.text)}${header('Envelope', `${mail.envelope.from} → ${mail.envelope.to.join(', ')}`)}${header('Message-ID', parsed.messageId)}${header('TLS', mail.session.secure ? 'kyllä' : 'ei')}</table>
         <pre>${escapeHtml(parsed.text ?? '')}</pre>${attachments ? `<h2>Liitteet</h2><ul>${attachments}</ul>` : ''}`,
      ),
    );
  });

  router.get('/dev-mailbox/:id/attachments/:index', async (req, res) => {
    const mail = mailbox.messages.find((m) => m.id === req.params.id);
    const attachment = mail ? (await mail.parse()).attachments[Number(req.params.index)] : undefined;
    if (!attachment) {
      res.status(404).type('text/plain').send('No such attachment.');
      return;
    }
    res.setHeader('content-type', attachment.contentType);
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename ?? 'liite')}`);
    res.send(attachment.content);
  });

  return router;
}

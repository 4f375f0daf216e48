import { MIMEType } from 'node:util';
import busboy from 'busboy';
import { Router, type Request, type Response } from 'express';
import type { LocalizedText } from '@maestro/settings-schema';
import { buildEmlDraft } from '@maestro/mail-core';
import type { Services } from '../../app/services';
import { callerKey, type Caller } from '../../common/caller';
import { KeyedTurns } from '../../common/keyed-turns';
import { pickLanguage } from '../../common/language';
import { UserFacingError } from '../../common/user-facing-error';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_TEXTS, databaseErrorCode, isDatabaseUnavailable } from '../../db/database-unavailable';
import { MESSAGE_TEXTS } from '../messages/messages.errors';
import { toOutgoing } from '../messages/to-outgoing';
import { setAttachmentHeaders } from '../../app/security-headers';
import { AttachmentTooLargeError } from './attachment-store';
import { ATTACHMENT_TEXTS } from './attachments.errors';
import type { AttachmentEntity } from './attachment.entity';
import { PartOpenings } from './part-openings';

/** Control characters (C0, DEL, C1) and Unicode line and paragraph separators: refused in a file name. */
const CONTROL_IN_NAME = /[\p{Cc}\u2028\u2029]/u;

type Failure = { status: number; code: string; text: LocalizedText };

/**
 * The first thing wrong with an upload, which is what the caller is told. The parser's callbacks set
 * it while the request streams in, so it is read through `get`: a plain variable would be taken by
 * the compiler to be still unset after them.
 */
class FirstFailure {
  private failure: Failure | null = null;

  set(failure: Failure): void {
    this.failure ??= failure;
  }

  get(): Failure | null {
    return this.failure;
  }
}

function fail(req: Request, res: Response, status: number, code: string, text: LocalizedText): void {
  if (status === 503) res.setHeader('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  res.status(status).json({ error: { code, message: text[pickLanguage(req.header('accept-language'))] } });
}

/** The last path segment, without quotes: the server never uses a client's path. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Quotes would break the Content-Disposition header's plain filename; control characters are refused before.
  const cleaned = [...base].filter((ch) => !CONTROL_IN_NAME.test(ch) && ch !== '"').join('').trim().slice(0, 255);
  return cleaned || 'liite';
}

/**
 * RFC 6266/5987: a Unicode filename for the download, and an ASCII fallback for old clients. Inline
 * only for a file whose inert type the server found from its bytes; everything else downloads.
 */
function contentDisposition(filename: string, inline = false): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

const HOUR_MS = 3600_000;

/**
 * POST /attachments (multipart, one or more `file` parts, streamed into the database chunk by chunk),
 * GET /attachments/:id (what the caller may read: "Näytä liitteet"), and GET /messages/:id/draft.eml
 * (the hand-off draft when SMTP sending is off).
 */
export function attachmentRoutes(services: Services): Router {
  const router = Router();
  const { attachmentBytes, messageBytes } = services.config.limits;
  const quota = services.config.uploadQuota;
  const uploadsOfOneCaller = new KeyedTurns();

  const authenticate = async (req: Request, res: Response): Promise<Caller | null> => {
    const caller = await services.auth.callerFor(req.header('authorization'));
    if (!caller) {
      fail(req, res, 401, 'UNAUTHENTICATED', ATTACHMENT_TEXTS.unauthenticated());
      return null;
    }
    return caller;
  };

  router.post('/attachments', async (req, res) => {
    const caller = await authenticate(req, res);
    if (!caller) return;
    if (!req.is('multipart/form-data')) {
      fail(req, res, 400, 'BAD_REQUEST', ATTACHMENT_TEXTS.notMultipart());
      return;
    }
    let parser: busboy.Busboy;
    let openings: PartOpenings;
    try {
      openings = new PartOpenings(new MIMEType(req.header('content-type') ?? '').params.get('boundary') ?? '');
      // File names are UTF-8 (what browsers send): Lasku_Äänekoski.pdf must not become Lasku_Ã„Ã¤nekoski.pdf.
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: attachmentBytes + 1, files: 20, fields: 0, parts: 20 } });
    } catch {
      fail(req, res, 400, 'BAD_REQUEST', ATTACHMENT_TEXTS.malformed());
      return;
    }
    // One upload at a time per caller: its quota is read, then counted file by file, and a second
    // upload sent at the same moment would read the same numbers and get the same room again.
    await uploadsOfOneCaller.run(callerKey(caller), async () => {
      const uploaderId = caller.kind === 'USER' ? caller.userId : null;
      // Uploads per rolling hour, per user and per company: counted once here, then file by file.
      const usage = await services.attachments.usageSince(caller.companyId, uploaderId, new Date(Date.now() - HOUR_MS));
      const used = { userFiles: usage.user?.files ?? 0, userBytes: usage.user?.bytes ?? 0, companyFiles: usage.company.files, companyBytes: usage.company.bytes };
      const stored: AttachmentEntity[] = [];
      let total = 0;
      let chain: Promise<void> = Promise.resolve();
      const failure = new FirstFailure();
      const refuse = (stream: NodeJS.ReadableStream, f: Failure) => {
        stream.resume();
        failure.set(f);
      };

      let partsRead = 0;
      parser.on('file', (field, stream, info) => {
        partsRead += 1;
        // A truncated upload errors the file stream too; the parser's own error answers the request.
        stream.on('error', () => undefined);
        if (field !== 'file' || failure.get()) {
          stream.resume();
          if (field !== 'file') failure.set({ status: 400, code: 'BAD_REQUEST', text: ATTACHMENT_TEXTS.unknownPart(field) });
          return;
        }
        if (CONTROL_IN_NAME.test(info.filename ?? '')) {
          stream.resume();
          failure.set({ status: 400, code: 'INVALID_FILENAME', text: ATTACHMENT_TEXTS.controlInFilename() });
          return;
        }
        const filename = safeFilename(info.filename ?? '');
        chain = chain.then(async () => {
          if (failure.get()) {
            stream.resume();
            return;
          }
          if (uploaderId && used.userFiles >= quota.userFiles) return refuse(stream, { status: 429, code: 'UPLOAD_QUOTA', text: ATTACHMENT_TEXTS.quotaFiles('user', quota.userFiles) });
          if (used.companyFiles >= quota.companyFiles) return refuse(stream, { status: 429, code: 'UPLOAD_QUOTA', text: ATTACHMENT_TEXTS.quotaFiles('company', quota.companyFiles) });
          const limits: Array<[number, Failure]> = [
            [attachmentBytes, { status: 413, code: 'FILE_TOO_LARGE', text: ATTACHMENT_TEXTS.fileTooLarge(filename, attachmentBytes) }],
            [messageBytes - total, { status: 413, code: 'FILE_TOO_LARGE', text: ATTACHMENT_TEXTS.messageTooLarge(messageBytes) }],
            [uploaderId ? quota.userBytes - used.userBytes : Infinity, { status: 429, code: 'UPLOAD_QUOTA', text: ATTACHMENT_TEXTS.quotaBytes('user', quota.userBytes) }],
            [quota.companyBytes - used.companyBytes, { status: 429, code: 'UPLOAD_QUOTA', text: ATTACHMENT_TEXTS.quotaBytes('company', quota.companyBytes) }],
          ];
          // The tightest limit decides, and says which it was.
          const [limitBytes, overLimit] = limits.reduce((a, b) => (b[0] < a[0] ? b : a));
          if (limitBytes <= 0) return refuse(stream, overLimit);
          try {
            const attachment = await services.attachments.store({ companyId: caller.companyId, uploadedByUserId: uploaderId, filename, stream, limitBytes });
            if (attachment.size === 0) {
              await services.attachments.removeIds([attachment.id]);
              failure.set({ status: 400, code: 'EMPTY_FILE', text: ATTACHMENT_TEXTS.emptyFile(filename) });
              return;
            }
            total += attachment.size;
            used.userFiles += 1;
            used.companyFiles += 1;
            used.userBytes += attachment.size;
            used.companyBytes += attachment.size;
            stored.push(attachment);
          } catch (err) {
            // Whatever failed, the rest of this file is drained: a stalled part would stall the parser,
            // and the request would never be answered.
            stream.resume();
            if (err instanceof AttachmentTooLargeError) {
              failure.set(overLimit);
            } else if (isDatabaseUnavailable(err)) {
              failure.set({ status: 503, code: 'DATABASE_UNAVAILABLE', text: DATABASE_TEXTS.unavailable() });
            } else {
              services.log.error({ err }, 'storing an upload failed');
              failure.set({ status: 500, code: 'UPLOAD_FAILED', text: ATTACHMENT_TEXTS.saveFailed() });
            }
          }
        });
      });
      parser.on('filesLimit', () => failure.set({ status: 413, code: 'TOO_MANY_FILES', text: ATTACHMENT_TEXTS.tooManyFiles() }));
      parser.on('partsLimit', () => failure.set({ status: 413, code: 'TOO_MANY_FILES', text: ATTACHMENT_TEXTS.tooManyFiles() }));
      parser.on('fieldsLimit', () => failure.set({ status: 400, code: 'BAD_REQUEST', text: ATTACHMENT_TEXTS.fileFieldsOnly() }));

      const finished = new Promise<void>((resolve) => {
        parser.on('close', resolve);
        parser.on('error', () => {
          failure.set({ status: 400, code: 'BAD_REQUEST', text: ATTACHMENT_TEXTS.malformed() });
          resolve();
        });
        req.on('aborted', resolve);
      });
      req.on('data', (chunk: Buffer) => openings.push(chunk));
      req.pipe(parser);
      await finished;
      await chain;
      if (!failure.get() && openings.count > partsRead) failure.set({ status: 400, code: 'BAD_REQUEST', text: ATTACHMENT_TEXTS.unreadablePart() });
      if (!failure.get() && stored.length === 0) failure.set({ status: 400, code: 'NO_FILES', text: ATTACHMENT_TEXTS.noFiles() });
      const f = failure.get();
      if (f) {
        // Nothing half-saved: the files stored before the problem are removed again. If the database
        // refuses that too, housekeeping removes them later (no message refers to them), and the
        // caller still gets its answer now.
        try {
          await services.attachments.removeIds(stored.map((a) => a.id));
        } catch (err) {
          services.log.warn({ code: databaseErrorCode(err), files: stored.length }, 'could not remove the files of a refused upload; housekeeping will');
        }
        res.setHeader('connection', 'close');
        fail(req, res, f.status, f.code, f.text);
        return;
      }
      res.status(201).json(stored.map((a) => ({ id: a.id, filename: a.filename, size: a.size, contentType: a.contentType, sha256: a.sha256 })));
    });
  });

  router.get('/attachments/:id', async (req, res) => {
    const caller = await authenticate(req, res);
    if (!caller) return;
    const [attachment] = /^[0-9a-f-]{36}$/.test(req.params.id) ? await services.attachments.readableBy(caller, [req.params.id]) : [];
    if (!attachment) {
      fail(req, res, 404, 'NOT_FOUND', ATTACHMENT_TEXTS.attachmentNotFound());
      return;
    }
    setAttachmentHeaders(res);
    // A file is never active content in the app's origin: only an inert type the server recognised
    // from the bytes opens in the browser (text as UTF-8 text); anything else is an opaque download.
    const type = !attachment.inline ? 'application/octet-stream' : attachment.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : attachment.contentType;
    res.setHeader('content-type', type);
    res.setHeader('content-length', String(attachment.size));
    res.setHeader('content-disposition', contentDisposition(attachment.filename, attachment.inline));
    services.attachments.openStream(attachment.id).on('error', () => res.destroy()).pipe(res);
  });

  router.get('/messages/:id/draft.eml', async (req, res) => {
    const caller = await authenticate(req, res);
    if (!caller) return;
    try {
      const message = await services.messageArchive.get(caller, req.params.id);
      if (message.channel !== 'EMAIL') throw new UserFacingError('NOT_FOUND', MESSAGE_TEXTS.smsHasNoDraft());
      const attachments = (await services.attachments.forMessages([message.id])).get(message.id) ?? [];
      const eml = await buildEmlDraft(
        toOutgoing(message, await Promise.all(attachments.map(async (a) => ({ filename: a.filename, contentType: a.contentType, content: await services.attachments.readAll(a.id) })))),
      );
      setAttachmentHeaders(res);
      res.setHeader('content-type', 'message/rfc822');
      res.setHeader('content-disposition', contentDisposition(`${safeFilename(message.subject || 'viesti')}.eml`));
      res.send(eml);
    } catch (err) {
      if (err instanceof UserFacingError) fail(req, res, 404, 'NOT_FOUND', err.text);
      else throw err;
    }
  });

  return router;
}

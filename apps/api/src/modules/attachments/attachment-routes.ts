import busboy from 'busboy';
import { Router, type Request, type Response } from 'express';
import { detectMimeType } from 'nodemailer/lib/mime-funcs';
import type { LocalizedText } from '@maestro/settings-schema';
import { buildEmlDraft } from '@maestro/mail-core';
import type { Services } from '../../app/services';
import type { Caller } from '../../common/caller';
import { pickLanguage } from '../../common/language';
import { UserFacingError } from '../../common/user-facing-error';
import { MESSAGE_TEXTS } from '../messages/messages.errors';
import { toOutgoing } from '../messages/to-outgoing';
import { AttachmentTooLargeError } from './attachment-store';
import type { AttachmentEntity } from './attachment.entity';

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/i;

function fail(req: Request, res: Response, status: number, code: string, text: LocalizedText): void {
  res.status(status).json({ error: { code, message: text[pickLanguage(req.header('accept-language'))] } });
}

/** The last path segment, without control characters: the server never uses a client's path. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters (and quotes) would break the Content-Disposition header or a mail header.
  const cleaned = [...base].filter((ch) => ch.charCodeAt(0) > 0x1f && ch !== '\u007f' && ch !== '"').join('').trim().slice(0, 255);
  return cleaned || 'liite';
}

function contentTypeOf(declared: string, filename: string): string {
  const given = declared.trim().toLowerCase();
  if (CONTENT_TYPE.test(given) && given !== 'application/octet-stream') return given;
  return detectMimeType(filename.split('.').pop() ?? '') || 'application/octet-stream';
}

/** RFC 6266/5987: a Unicode filename for the download, and an ASCII fallback for old clients. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * POST /attachments (multipart, one or more `file` parts, streamed into the database chunk by chunk),
 * GET /attachments/:id (same company only: "Näytä liitteet"), and GET /messages/:id/draft.eml (the
 * hand-off draft when SMTP sending is off).
 */
export function attachmentRoutes(services: Services): Router {
  const router = Router();
  const { attachmentBytes, messageBytes } = services.config.limits;

  const authenticate = async (req: Request, res: Response): Promise<Caller | null> => {
    const caller = await services.auth.callerFor(req.header('authorization'));
    if (!caller) {
      fail(req, res, 401, 'UNAUTHENTICATED', { fi: 'Kirjaudu sisään: pyynnöstä puuttuu voimassa oleva tunniste.', en: 'Log in: the request has no valid token.' });
      return null;
    }
    return caller;
  };

  router.post('/attachments', async (req, res) => {
    const caller = await authenticate(req, res);
    if (!caller) return;
    if (!req.is('multipart/form-data')) {
      fail(req, res, 400, 'BAD_REQUEST', { fi: 'Lähetä tiedostot multipart/form-data-muodossa file-kentissä.', en: 'Send the files as multipart/form-data in `file` parts.' });
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: attachmentBytes + 1, files: 20, fields: 0, parts: 20 } });
    } catch {
      fail(req, res, 400, 'BAD_REQUEST', { fi: 'Lähetyksen muoto on virheellinen (multipart).', en: 'The multipart body is malformed.' });
      return;
    }
    const stored: AttachmentEntity[] = [];
    let total = 0;
    let chain: Promise<void> = Promise.resolve();
    let failure: { status: number; code: string; text: LocalizedText } | null = null;
    const setFailure = (f: typeof failure) => {
      failure ??= f;
    };

    parser.on('file', (field, stream, info) => {
      // A truncated upload errors the file stream too; the parser's own error answers the request.
      stream.on('error', () => undefined);
      if (field !== 'file' || failure) {
        stream.resume();
        if (field !== 'file') setFailure({ status: 400, code: 'BAD_REQUEST', text: { fi: `Tuntematon kenttä "${field}": käytä kenttää file.`, en: `Unknown part "${field}": use the field name file.` } });
        return;
      }
      const filename = safeFilename(info.filename ?? '');
      const contentType = contentTypeOf(info.mimeType ?? '', filename);
      chain = chain.then(async () => {
        if (failure) {
          stream.resume();
          return;
        }
        try {
          const attachment = await services.attachments.store({
            companyId: caller.companyId,
            uploadedByUserId: caller.kind === 'USER' ? caller.userId : null,
            filename,
            contentType,
            stream,
            limitBytes: Math.min(attachmentBytes, messageBytes - total),
          });
          if (attachment.size === 0) {
            await services.attachments.removeIds([attachment.id]);
            setFailure({ status: 400, code: 'EMPTY_FILE', text: { fi: `Tiedosto ${filename} on tyhjä: valitse toinen tiedosto.`, en: `The file ${filename} is empty: choose another file.` } });
            return;
          }
          total += attachment.size;
          stored.push(attachment);
        } catch (err) {
          if (err instanceof AttachmentTooLargeError) {
            const overMessage = total > 0 && attachmentBytes > messageBytes - total;
            setFailure({
              status: 413,
              code: 'FILE_TOO_LARGE',
              text: overMessage
                ? { fi: `Liitteet ovat yhteensä yli ${mb(messageBytes)} Mt: jaa ne useampaan viestiin.`, en: `The attachments add up to more than ${mb(messageBytes)} MB: split them over several messages.` }
                : { fi: `Tiedosto ${filename} on yli ${mb(attachmentBytes)} Mt: pienennä tai pakkaa se.`, en: `The file ${filename} is larger than ${mb(attachmentBytes)} MB: make it smaller or compress it.` },
            });
          } else {
            services.log.error({ err }, 'storing an upload failed');
            setFailure({ status: 500, code: 'UPLOAD_FAILED', text: { fi: 'Tiedoston tallennus epäonnistui: yritä uudelleen.', en: 'Saving the file failed: try again.' } });
          }
        }
      });
    });
    parser.on('filesLimit', () => setFailure({ status: 413, code: 'TOO_MANY_FILES', text: { fi: 'Enintään 20 tiedostoa kerralla.', en: 'At most 20 files at a time.' } }));
    parser.on('partsLimit', () => setFailure({ status: 413, code: 'TOO_MANY_FILES', text: { fi: 'Enintään 20 tiedostoa kerralla.', en: 'At most 20 files at a time.' } }));
    parser.on('fieldsLimit', () => setFailure({ status: 400, code: 'BAD_REQUEST', text: { fi: 'Lähetä vain file-kenttiä.', en: 'Send file parts only.' } }));

    const finished = new Promise<void>((resolve) => {
      parser.on('close', resolve);
      parser.on('error', () => {
        setFailure({ status: 400, code: 'BAD_REQUEST', text: { fi: 'Lähetyksen muoto on virheellinen (multipart).', en: 'The multipart body is malformed.' } });
        resolve();
      });
      req.on('aborted', resolve);
    });
    req.pipe(parser);
    await finished;
    await chain;
    if (!failure && stored.length === 0) setFailure({ status: 400, code: 'NO_FILES', text: { fi: 'Pyynnössä ei ollut yhtään tiedostoa (kenttä file).', en: 'The request had no files (field file).' } });
    if (failure) {
      const f = failure as { status: number; code: string; text: LocalizedText };
      // Nothing half-saved: the files stored before the problem are removed again.
      await services.attachments.removeIds(stored.map((a) => a.id));
      res.setHeader('connection', 'close');
      fail(req, res, f.status, f.code, f.text);
      return;
    }
    res.status(201).json(stored.map((a) => ({ id: a.id, filename: a.filename, size: a.size, contentType: a.contentType, sha256: a.sha256 })));
  });

  router.get('/attachments/:id', async (req, res) => {
    const caller = await authenticate(req, res);
    if (!caller) return;
    const attachment = /^[0-9a-f-]{36}$/.test(req.params.id) ? await services.attachments.readableBy(caller, req.params.id) : null;
    if (!attachment) {
      fail(req, res, 404, 'NOT_FOUND', { fi: 'Liitettä ei löytynyt.', en: 'The attachment was not found.' });
      return;
    }
    // Text without a declared charset would be read as Latin-1 by browsers; what we store is sent as given.
    const type = attachment.contentType.startsWith('text/') && !/charset=/i.test(attachment.contentType) ? `${attachment.contentType}; charset=utf-8` : attachment.contentType;
    res.setHeader('content-type', type);
    res.setHeader('content-length', String(attachment.size));
    res.setHeader('content-disposition', contentDisposition(attachment.filename));
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'private, no-store');
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
      res.setHeader('content-type', 'message/rfc822');
      res.setHeader('content-disposition', contentDisposition(`${safeFilename(message.subject || 'viesti')}.eml`));
      res.setHeader('cache-control', 'private, no-store');
      res.send(eml);
    } catch (err) {
      if (err instanceof UserFacingError) fail(req, res, 404, 'NOT_FOUND', err.text);
      else throw err;
    }
  });

  return router;
}

// The API's plain-HTTP edge (attachments, the hand-off draft) wants the same bearer token as GraphQL.
// The token travels in the Authorization header only, never in a URL: files are fetched here and
// handed to the browser as blobs.
import { showBidiControls } from '@maestro/settings-schema';
import { sessionStore } from '../auth/session-store';
import { languageStore } from '../i18n/language-store';

/** What `POST /attachments` answers for each stored file. */
export interface UploadedAttachment {
  id: string;
  filename: string;
  size: number;
  contentType: string;
  sha256?: string;
}

/** A refusal of the HTTP edge, with the API's message in the UI language when it sent one. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function authHeaders(): Promise<Record<string, string>> {
  const token = await sessionStore.freshToken();
  return { 'accept-language': languageStore.get(), ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

/** The API's `{ error: { code, message } }`, or null when the body is something else. */
function apiError(body: unknown): { code: string; message: string } | null {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return error && typeof error.message === 'string' ? { code: String(error.code ?? ''), message: error.message } : null;
}

async function refusal(response: Response, fallback: string): Promise<HttpError> {
  if (response.status === 401) sessionStore.end('expired');
  const body: unknown = await response.json().catch(() => null);
  const error = apiError(body);
  return new HttpError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? fallback);
}

/** The filename of a Content-Disposition header (RFC 6266: `filename*` first, then `filename`). */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  return /filename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
}

/** GETs a protected file (an attachment, the .eml draft) with the token; `fallback` is the error text for a failure without one. */
export async function fetchFile(url: string, fallback: string): Promise<{ blob: Blob; filename: string | null }> {
  const response = await fetch(url, { headers: await authHeaders() });
  if (!response.ok) throw await refusal(response, fallback);
  return { blob: await response.blob(), filename: filenameOf(response.headers.get('content-disposition')) };
}

/**
 * A text file is served as `text/plain` without a charset, and a browser then reads it as Windows-1252
 * ("â‚¬" for "€"). When the bytes are valid UTF-8 they are labelled so; anything else is left to the browser.
 */
export async function withTextCharset(blob: Blob): Promise<Blob> {
  if (!/^text\//i.test(blob.type) || /charset=/i.test(blob.type)) return blob;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(await blob.arrayBuffer());
    return new Blob([blob], { type: `${blob.type}; charset=utf-8` });
  } catch {
    return blob;
  }
}

/**
 * "Näytä liitteet": a file the server serves `inline` (an inert type it recognised from the bytes:
 * PDF, a raster image, plain text) opens in a new tab; anything else — HTML, SVG, whatever a browser
 * could run — is saved as a download and never opened in the app's origin. Bidirectional-text
 * controls in the name are shown escaped, so `Lasku‮fdp.exe` cannot pass for a PDF.
 */
export async function openFile(url: string, fallback: string): Promise<'opened' | 'downloaded'> {
  const response = await fetch(url, { headers: await authHeaders() });
  if (!response.ok) throw await refusal(response, fallback);
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  if (/^\s*inline\b/i.test(disposition)) {
    await openBlob(blob);
    return 'opened';
  }
  saveBlob(new Blob([blob], { type: 'application/octet-stream' }), showBidiControls(filenameOf(disposition) ?? 'liite'));
  return 'downloaded';
}

/** Shows a blob in a new tab; only for what the server said is inert (see openFile). */
export async function openBlob(file: Blob): Promise<void> {
  const blob = await withTextCharset(file);
  const url = URL.createObjectURL(blob);
  // Not 'noopener': with it window.open() answers null even when the tab opened. The blob is our own.
  const opened = window.open(url, '_blank');
  // A blocked pop-up still gets the file, as a download.
  if (!opened) saveBlob(blob, null);
  // Long enough for the new tab to read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Follows a link the way a click on it does (a mailto: link opens the mail program, where the browser can). */
export function openLink(href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** Saves a blob as a download under the given name. */
export function saveBlob(blob: Blob, filename: string | null): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? '';
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface UploadOptions {
  /** Bytes sent so far and in all (XMLHttpRequest upload events). */
  onProgress?: (loaded: number, total: number) => void;
  /** The text for a failure the API gives no message for (network, server error). */
  fallback: string;
  signal?: AbortSignal;
}

/**
 * `POST /attachments` with one file, over XMLHttpRequest: fetch() cannot report upload progress.
 * Resolves with the stored attachment; rejects with an HttpError carrying the API's message (413 for
 * a file over the size limit, 400 for an empty one).
 */
export async function uploadFile(file: File, { onProgress, fallback, signal }: UploadOptions): Promise<UploadedAttachment> {
  const headers = await authHeaders();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/attachments');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status === 201 && Array.isArray(body) && body[0]) {
        onProgress?.(file.size, file.size);
        resolve(body[0] as UploadedAttachment);
        return;
      }
      if (xhr.status === 401) sessionStore.end('expired');
      const error = apiError(body);
      reject(new HttpError(xhr.status, error?.code ?? `HTTP_${xhr.status}`, error?.message ?? fallback));
    };
    xhr.onerror = () => reject(new HttpError(0, 'NETWORK', fallback));
    xhr.onabort = () => reject(new HttpError(0, 'ABORTED', fallback));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

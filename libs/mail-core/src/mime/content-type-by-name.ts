import { detectMimeType } from 'nodemailer/lib/mime-funcs';

/**
 * The MIME type a mail program expects for a file of this name (by its extension, as nodemailer
 * names attachments), lower case; `application/octet-stream` when the name says nothing.
 */
export function contentTypeByName(filename: string): string {
  const extension = filename.includes('.') ? (filename.split('.').pop() ?? '') : '';
  return (detectMimeType(extension) || 'application/octet-stream').toLowerCase();
}

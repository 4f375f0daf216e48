// The public door of @maestro/mail-core: resolution, MIME composition and dispatch.
export * from './types';
export { toMailOptions } from './mime/to-mail-options';
export { escapeHtml, monospaceHtml } from './mime/monospace-html';

// The public door of @maestro/mail-core: resolution, MIME composition and dispatch.
export * from './types';

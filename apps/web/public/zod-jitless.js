// The add-in runs under a Content-Security-Policy without 'unsafe-eval' (the API sends it). zod
// otherwise probes whether it may compile validators with `new Function` when the first schema is
// built, and the browser reports the blocked probe as a violation (zod falls back by itself). Its
// settings live on globalThis, so they are set here, before any module loads: a classic script from
// the page's own origin runs before the deferred module scripts.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });

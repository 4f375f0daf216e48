import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '../auth/session-store';
import { openFile } from './authorized-http';

describe('opening an attachment', () => {
  const opened: string[] = [];
  const downloads: string[] = [];
  beforeEach(() => {
    opened.length = 0;
    downloads.length = 0;
    vi.stubGlobal('open', (url: string) => {
      opened.push(url);
      return {};
    });
    URL.createObjectURL = vi.fn(() => 'blob:maestro/liite');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  const serve = (disposition: string, type: string) => vi.stubGlobal('fetch', vi.fn(async () => new Response('<script>x()</script>', { status: 200, headers: { 'content-type': type, 'content-disposition': disposition } })));

  it('saves a file the server does not serve inline as a download, never opening it in the app', async () => {
    serve(`attachment; filename="Tilaus.html"; filename*=UTF-8''Tilaus.html`, 'application/octet-stream');
    await expect(openFile('/attachments/a-1', 'virhe')).resolves.toBe('downloaded');
    expect(opened).toEqual([]);
    expect(downloads).toEqual(['Tilaus.html']);
  });

  it('opens a file the server serves inline (an inert type it recognised) in a new tab', async () => {
    serve(`inline; filename="Tilaus.pdf"`, 'application/pdf');
    await expect(openFile('/attachments/a-2', 'virhe')).resolves.toBe('opened');
    expect(opened).toEqual(['blob:maestro/liite']);
  });

  it('names a download with its bidirectional-text controls shown', async () => {
    serve(`attachment; filename*=UTF-8''Lasku%E2%80%AEfdp.exe`, 'application/octet-stream');
    await openFile('/attachments/a-3', 'virhe');
    expect(downloads).toEqual(['Lasku[U+202E]fdp.exe']);
  });

  it("asks for the file with this tab's token in the Authorization header", async () => {
    sessionStore.start({ token: 'tab-token', expiresAt: new Date(Date.now() + 15 * 60_000).toISOString() });
    serve(`inline; filename="Tilaus.pdf"`, 'application/pdf');
    try {
      await openFile('/attachments/a-4', 'virhe');
      const init = vi.mocked(fetch).mock.calls[0]?.[1];
      expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tab-token');
    } finally {
      sessionStore.reset();
    }
  });
});

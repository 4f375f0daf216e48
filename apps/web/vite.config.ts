// Vite builds two pages: the add-in (index.html) and the GraphiQL playground (playground.html) that
// the API serves at GET /graphql. Vitest runs the component tests from the same config.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const API = 'http://127.0.0.1:4000';
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@maestro/settings-schema': here('../../libs/settings-schema/src/index.ts') },
  },
  optimizeDeps: {
    // GraphiQL's worker setup imports monaco's workers with `?worker`, which only Vite's own transform
    // handles: pre-bundling it kills the dev server, so it is served as source instead. (In dev the
    // playground's monaco still falls back to main-thread workers; the build has real ones.)
    exclude: ['graphiql/setup-workers/vite', '@graphiql/react/setup-workers/vite'],
  },
  server: {
    proxy: {
      '/graphql': {
        target: API,
        // A browser opening /graphql gets the playground, as it does from the API in production.
        bypass: (req) => (req.method === 'GET' && req.headers.accept?.includes('text/html') && !req.url?.includes('query=') ? '/playground.html' : undefined),
      },
      '/attachments': API,
      '/dev-mailbox': API,
    },
  },
  build: {
    // The playground's editor (monaco, ~2.8 MB) is one chunk by design and loads only at /graphql;
    // the add-in's own chunks stay far below this.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      input: { index: here('index.html'), playground: here('playground.html') },
      onLog(level, log, handler) {
        // GraphiQL ships React-compiler "use no memo" directives; dropping them when bundling is harmless.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.id?.includes('node_modules')) return;
        handler(level, log);
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // Files share their worker's modules and jsdom instead of loading Fluent UI and a fresh jsdom for each
    // of them: the suite took 147 s, 75 of them importing and setting up, and takes 44 s. Safe because
    // nothing carries over between tests: src/test/setup.ts unmounts, clears the storages and resets the
    // module-level stores after each one, mocks are restored, and no test mocks a module (vi.mock). Runs
    // in shuffled order (--sequence.shuffle) passed too.
    isolate: false,
    // userEvent types key by key through Fluent's handlers: on a busy 2-core machine a dialog flow can
    // take more than Vitest's default 5 s without anything being wrong.
    testTimeout: 30_000,
  },
});

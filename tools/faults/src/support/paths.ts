import path from 'node:path';

/** The repository root (tools/faults/src/support -> ../../../..). */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

/** Where `npm run build -w @maestro/api` puts main.js, worker.js and cli/maestro.js. */
export const API_DIST = path.join(WORKSPACE_ROOT, 'apps/api/dist/apps/api/src');

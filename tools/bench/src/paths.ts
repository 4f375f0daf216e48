import path from 'node:path';

/** This file compiles to tools/bench/dist/paths.js: the repository is three folders up. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
/**
 * The API build to measure: apps/api's own, or another one to compare (a copy with an experimental
 * change, an older commit's build) named by MAESTRO_BENCH_API_DIST (the folder holding main.js).
 */
const API_DIST = process.env.MAESTRO_BENCH_API_DIST ? path.resolve(process.env.MAESTRO_BENCH_API_DIST) : path.join(REPO_ROOT, 'apps/api/dist/apps/api/src');
export const API_MAIN = path.join(API_DIST, 'main.js');
export const API_WORKER = path.join(API_DIST, 'worker.js');
export const API_CLI = path.join(API_DIST, 'cli/maestro.js');
export const BENCHMARKS_FILE = path.join(REPO_ROOT, 'BENCHMARKS.md');
/** CPU profiles of `--profile` runs (ignored by git with the rest of reports/). */
export const PROFILE_ROOT = path.join(REPO_ROOT, 'reports/bench/profiles');

/**
 * Top self-time functions of a V8 CPU profile (`node --cpu-prof`), and the same time grouped by where
 * the code lives (our apps/libs, a package in node_modules, Node's internals, GC).
 *
 *   npm run profile:summary -w @maestro/bench -- reports/bench/profiles/<scenario>/<file>.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../paths';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  /** Share of the busy (non-idle) time. */
  share: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  idleMs: number;
  busyMs: number;
  /** Top functions by self time. */
  functions: SelfTime[];
  /** Self time grouped by where the code lives. */
  groups: SelfTime[];
  /**
   * Our functions by inclusive time (themselves and everything they call): which of our code paths
   * the library time above is spent for. A function on the stack twice counts once per sample.
   */
  ours: SelfTime[];
}

function shortPath(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  const inModules = file.lastIndexOf('/node_modules/');
  if (inModules >= 0) return file.slice(inModules + '/node_modules/'.length);
  return file.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, file) : file;
}

/** Where a function lives: "ours: apps/api/…/outbox", "typeorm", "node internals", "GC", "V8/native". */
function groupOf(frame: CallFrame): string {
  if (frame.functionName === '(garbage collector)') return 'GC';
  if (frame.functionName === '(program)') return 'V8/native (program)';
  const url = frame.url;
  if (!url) return 'V8/native';
  if (url.startsWith('node:')) return 'node internals';
  const file = url.replace(/^file:\/\//, '');
  const inModules = file.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const parts = file.slice(inModules + '/node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '?');
  }
  const rel = shortPath(url);
  // Our compiled code: apps/api/dist/apps/api/src/modules/messages/dispatch/x.js -> ours: api/modules/messages/dispatch
  const ours = /(?:^|\/)dist\/(apps|libs|tools)\/([^/]+)\/src\/(.*)\/[^/]+\.js$/.exec(rel);
  if (ours) return `ours: ${ours[2]}/${ours[3]}`;
  return rel;
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const functions = new Map<string, SelfTime>();
  const groups = new Map<string, SelfTime>();
  let idleUs = 0;
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    totalUs += us;
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${shortPath(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = functions.get(key) ?? { name, where, ms: 0, share: 0 };
    entry.ms += us / 1000;
    functions.set(key, entry);
    const group = groupOf(frame);
    const g = groups.get(group) ?? { name: group, where: '', ms: 0, share: 0 };
    g.ms += us / 1000;
    groups.set(group, g);
  }
  const ours = inclusiveOurs(profile, byId);
  const busyMs = (totalUs - idleUs) / 1000;
  const ranked = (map: Map<string, SelfTime>) =>
    [...map.values()]
      .map((e) => ({ ...e, share: busyMs > 0 ? e.ms / busyMs : 0 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top);
  return { file, totalMs: totalUs / 1000, idleMs: idleUs / 1000, busyMs, functions: ranked(functions), groups: ranked(groups), ours: ranked(ours) };
}

function isOurs(frame: CallFrame): boolean {
  return groupOf(frame).startsWith('ours: ');
}

/** For every sample, each distinct function of ours on its stack gets the sample's time. */
function inclusiveOurs(profile: CpuProfile, byId: Map<number, ProfileNode>): Map<string, SelfTime> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stackKeys = new Map<number, string[]>();
  const keysFor = (id: number): string[] => {
    const known = stackKeys.get(id);
    if (known) return known;
    const frame = byId.get(id)?.callFrame;
    const up = parent.get(id);
    const above = up === undefined ? [] : keysFor(up);
    let keys = above;
    if (frame && frame.functionName !== '(idle)' && isOurs(frame)) {
      const key = `${frame.functionName || '(anonymous)'}@${shortPath(frame.url)}:${frame.lineNumber + 1}`;
      if (!above.includes(key)) keys = [...above, key];
    }
    stackKeys.set(id, keys);
    return keys;
  };
  const out = new Map<string, SelfTime>();
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    for (const key of keysFor(id)) {
      const at = key.lastIndexOf('@');
      const entry = out.get(key) ?? { name: key.slice(0, at), where: key.slice(at + 1), ms: 0, share: 0 };
      entry.ms += us / 1000;
      out.set(key, entry);
    }
  });
  return out;
}

/** The summary as Markdown (two small tables). */
export function profileMarkdown(summary: ProfileSummary, title: string): string {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  const lines = [
    `#### ${title}`,
    '',
    `\`${path.relative(REPO_ROOT, summary.file)}\`: ${(summary.totalMs / 1000).toFixed(1)} s profiled, ${(summary.busyMs / 1000).toFixed(1)} s busy (${pct(summary.busyMs / summary.totalMs)}).`,
    '',
    '| self time | share of busy | where the code lives |',
    '| ---: | ---: | --- |',
    ...summary.groups.map((g) => `| ${Math.round(g.ms)} ms | ${pct(g.share)} | ${g.name} |`),
    '',
    '| self time | share of busy | function | file:line |',
    '| ---: | ---: | --- | --- |',
    ...summary.functions.map((f) => `| ${Math.round(f.ms)} ms | ${pct(f.share)} | \`${f.name}\` | ${f.where} |`),
    '',
    '| inclusive time | share of busy | our function (with all it calls) | file:line |',
    '| ---: | ---: | --- | --- |',
    ...summary.ours.map((f) => `| ${Math.round(f.ms)} ms | ${pct(f.share)} | \`${f.name}\` | ${f.where} |`),
    '',
  ];
  return lines.join('\n');
}

export interface BusyStretch {
  /** Seconds since the profile started. */
  at: number;
  ms: number;
  /** Functions on the stack during the stretch, by the share of its samples they were in. */
  frames: Array<{ name: string; share: number }>;
}

/**
 * Stretches where the thread never went idle for at least `minMs`: what blocks the event loop. A slow
 * request with no stretch around it was waiting (network, timers, locks), not computing.
 */
export function busyStretches(file: string, minMs: number): BusyStretch[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  let t = profile.startTime;
  const samples = profile.samples.map((id, i) => ({ id, t: (t += profile.timeDeltas[i] ?? 0) }));
  const idle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)';
  const out: BusyStretch[] = [];
  let start = -1;
  samples.forEach((sample, i) => {
    const ending = idle(sample.id) || i === samples.length - 1;
    if (!idle(sample.id) && start < 0) start = i;
    if (!ending || start < 0) return;
    const last = idle(sample.id) ? i - 1 : i;
    const ms = ((samples[last]?.t ?? 0) - (samples[start]?.t ?? 0)) / 1000;
    if (ms >= minMs) {
      const counts = new Map<string, number>();
      for (let k = start; k <= last; k++) {
        const seen = new Set<string>();
        for (let id: number | undefined = samples[k]?.id; id !== undefined; id = parent.get(id)) {
          const frame = byId.get(id)?.callFrame;
          if (!frame || frame.functionName === '(root)') continue;
          const name = `${frame.functionName || '(anonymous)'} ${frame.url ? `${shortPath(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
          if (!seen.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
          seen.add(name);
        }
      }
      const n = last - start + 1;
      const frames = [...counts].map(([name, c]) => ({ name, share: c / n })).sort((a, b) => b.share - a.share).slice(0, 12);
      out.push({ at: ((samples[start]?.t ?? 0) - profile.startTime) / 1e6, ms, frames });
    }
    start = -1;
  });
  return out;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const busyAt = args.indexOf('--busy');
  const busyMs = busyAt >= 0 ? Number(args.splice(busyAt, 2)[1]) || 40 : null;
  const [file, top] = args;
  if (!file) {
    console.error('usage: summarize-cpu-profile <file.cpuprofile> [top] [--busy <ms>]');
    process.exit(1);
  }
  const resolved = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (busyMs !== null) {
    const stretches = busyStretches(resolved, busyMs);
    if (stretches.length === 0) console.log(`No stretch of ${busyMs} ms or more without an idle sample.`);
    for (const s of stretches) {
      console.log(`busy ${Math.round(s.ms)} ms from ${s.at.toFixed(2)} s:`);
      for (const f of s.frames) console.log(`  ${(f.share * 100).toFixed(0).padStart(4)}%  ${f.name}`);
    }
  } else {
    process.stdout.write(profileMarkdown(summarizeProfile(resolved, Number(top) || 25), path.basename(file)));
  }
}

export interface SqlCensusSummary {
  file: string;
  total: number;
  top: Array<{ sql: string; count: number; totalMs: number }>;
}

/** The statements a process ran (from sql-census.preload.ts), most frequent first. */
export function summarizeSqlCensus(file: string, top = 15): SqlCensusSummary {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Array<{ sql: string; count: number; totalMs: number }>;
  return { file, total: entries.reduce((sum, e) => sum + e.count, 0), top: entries.slice(0, top) };
}

export function sqlCensusMarkdown(summary: SqlCensusSummary, perMessage?: number): string {
  const per = (n: number) => (perMessage ? ` (${(n / perMessage).toFixed(2)} per message)` : '');
  return [
    `SQL statements run: ${summary.total.toLocaleString('en-US')}${per(summary.total)}; the most frequent:`,
    '',
    '| count | wall ms (incl. waiting) | statement |',
    '| ---: | ---: | --- |',
    ...summary.top.map((e) => `| ${e.count.toLocaleString('en-US')} | ${Math.round(e.totalMs)} | \`${e.sql.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`),
    '',
  ].join('\n');
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// axe-core from npm, injected into the page under test: the same engine as the browser extensions,
// with nothing downloaded at run time.
const AXE_SOURCE = createRequire(__filename).resolve('axe-core/axe.min.js');

/** What the run fails on; moderate and minor findings are left to review. */
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Fluent's focus manager (tabster) puts hidden <i tabindex="0" aria-hidden data-tabster-dummy> around
 * focus groups: reaching one moves the focus on at once, so nothing is ever focused there, but axe
 * reports each as "aria-hidden-focus". They are left out of the run; everything else is checked.
 */
const NOT_OURS = [['[data-tabster-dummy]']];

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  /** The selectors of the elements at fault (a few), to find them again. */
  targets: string[];
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** The serious and critical axe-core violations on the page as it is now (WCAG 2.x A and AA rules and best practices). */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  // Evaluated by the browser's debugger protocol, not as a <script>: the page's CSP allows no inline script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  // A dialog fades in: axe measuring its text's contrast half-way through the fade found it too faint
  // (Kysy lähetystapa, once in a CI run). What is moving now is let finish first; endless ones (a
  // spinner) are not waited for.
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const moving = document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(moving.map((a) => a.finished.catch(() => undefined)));
  });
  const result = await page.evaluate(async (exclude) => {
    const axe = (window as unknown as { axe: { run: (context: object, options: object) => Promise<AxeResult> } }).axe;
    return axe.run({ include: [['html']], exclude }, { resultTypes: ['violations'] });
  }, NOT_OURS);
  return result.violations
    .filter((v) => v.impact !== null && BLOCKING.has(v.impact))
    .map((v) => ({ id: v.id, impact: v.impact as string, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')) }));
}

/** Whether the page can be scrolled sideways: at a task pane's width nothing may stick out. */
export async function horizontalOverflow(page: Page): Promise<{ page: number; main: number; width: number }> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const width = document.documentElement.clientWidth;
    return { page: document.documentElement.scrollWidth - width, main: main ? main.scrollWidth - main.clientWidth : 0, width };
  });
}

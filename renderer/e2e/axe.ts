import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** What fails the suite: WCAG 2.2 AA leaves no room for a serious or critical violation. */
const FAILING: readonly ImpactValue[] = ['serious', 'critical'];

/** One violation of one rule on one element, named so a reader can find it. */
export interface AxeFinding {
  screen: string;
  rule: string;
  impact: ImpactValue;
  element: string;
  summary: string;
}

/** One line per finding: the screen, the rule and its impact, the element, what is wrong. */
export function describeFinding(f: AxeFinding): string {
  return `${f.screen}: ${f.rule} (${f.impact}) on ${f.element}: ${f.summary}`;
}

/** The failing findings of one axe run, one per element. */
export function failingFindings(screen: string, violations: readonly Result[]): AxeFinding[] {
  return violations.flatMap((v) =>
    v.impact && FAILING.includes(v.impact)
      ? v.nodes.map((node) => ({
          screen,
          rule: v.id,
          impact: node.impact ?? v.impact ?? 'serious',
          element: `${node.target.join(' ')} ${node.html.replace(/\s+/g, ' ').slice(0, 160)}`,
          summary: (node.failureSummary ?? v.help).replace(/\s+/g, ' ').trim(),
        }))
      : [],
  );
}

/**
 * Runs axe-core over the page as it stands, against WCAG 2.0 to 2.2 A and AA and axe's
 * best practices, plus the experimental check that a control's accessible name holds
 * its visible text (WCAG 2.5.3). axe is injected on first use in each document; a hash
 * route change keeps it.
 */
export async function runAxe(page: Page, screen: string): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(o: object): Promise<AxeResults> } }).axe.run({
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      rules: { 'label-content-name-mismatch': { enabled: true } },
      resultTypes: ['violations'],
    }),
  );
  return failingFindings(screen, results.violations);
}

import { createRequire } from 'node:module';
import { AxePuppeteer } from '@axe-core/puppeteer';
import type { Page } from 'puppeteer-core';

const require = createRequire(import.meta.url);
/** The axe-core that @axe-core/puppeteer injects, which may be another version than the project's own. */
const axe = createRequire(require.resolve('@axe-core/puppeteer'))('axe-core') as typeof import('axe-core');

/**
 * Every rule axe knows: WCAG 2.0–2.2 A, AA and AAA, best practices and the experimental rules that
 * axe leaves off by default (a `runOnly` list of rules runs each listed rule whatever its default).
 */
export const EVERY_AXE_RULE: readonly string[] = axe.getRules().map((rule) => rule.ruleId);

/** One element that breaks one rule. */
export interface AxeViolation {
  rule: string;
  /** The element, as a CSS selector. */
  target: string;
  impact: string;
  /** What is wrong, in axe's words (for contrast: the colours and the ratio found). */
  summary: string;
}

/** The violations axe finds on the page as it is, with every rule on. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // @axe-core/puppeteer is typed against the `puppeteer` package; puppeteer-core's Page is the same class.
  const results = await new AxePuppeteer(page as unknown as ConstructorParameters<typeof AxePuppeteer>[0])
    // One options object: AxePuppeteer's options() replaces what withRules() set.
    .options({ runOnly: { type: 'rule', values: [...EVERY_AXE_RULE] }, resultTypes: ['violations'] })
    .analyze();
  // Every rule lands in one of the four lists, whatever resultTypes keeps of their nodes: one that is in
  // none did not run, and a clean result would mean nothing.
  const ran = new Set([...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map((result) => result.id));
  const skipped = EVERY_AXE_RULE.filter((rule) => !ran.has(rule));
  if (skipped.length > 0) throw new Error(`axe did not run ${skipped.join(', ')}`);
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => ({
      rule: violation.id,
      target: node.target.join(' '),
      impact: node.impact ?? violation.impact ?? 'unknown',
      summary: node.failureSummary?.split('\n').slice(1).join(' ').trim() || violation.help,
    })),
  );
}

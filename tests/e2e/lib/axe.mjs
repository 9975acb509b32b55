// axe-core in a page: injects the library (node_modules/axe-core, never fetched) and runs the WCAG 2.1
// A and AA rules. The host page has no Content-Security-Policy, so a script tag can carry it; for a page
// with a strict policy, open its context with `bypassCSP: true`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './server.mjs';

const source = readFileSync(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The violations axe finds in the page as it is now (each as id, impact, help, and its nodes' targets
// and failure summaries).
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: source });
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, WCAG_AA);
}

// One readable line per failing node: which rule, where, and why.
export function describeViolations(violations) {
  return violations.flatMap((v) => v.nodes.map((n) => `  [${v.id}] ${v.help}\n    at ${n.target}\n    ${n.summary.replace(/\n/g, '\n    ')}`)).join('\n');
}

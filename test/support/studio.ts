/**
 * What every studio browser test needs: signing in as the demo administrator, an axe-core scan that
 * fails on serious or critical violations, and a full-page screenshot kept as a test artifact in
 * `test-artifacts/studio/` (ignored by git; CI keeps the folder).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { ROOT } from '../../functions/local/app';
import { BROWSER_PASSWORD } from './browser';

export const ARTIFACTS = join(ROOT, 'test-artifacts', 'studio');

export async function logInAs(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(BROWSER_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((target) => !target.pathname.endsWith('/masuk'));
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * The serious and critical accessibility violations on the page as it is now (WCAG 2.1 A and AA).
 * axe runs inside the page itself (legacy mode): its default finishes in a second page of the same
 * context, which a page made by `browser.newPage()` (as `startBrowserSession` makes) cannot open.
 */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** Saves a full-page screenshot of the current screen as `test-artifacts/studio/<name>.png`. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

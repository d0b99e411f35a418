import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Where the suite saves its screenshots (gitignored); look at them after a run. */
export const SCREENSHOT_DIR = 'test-results/web-screens';

const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } } as const;

/**
 * Checks the screen as it is now: no serious or critical accessibility violation (axe-core) and
 * no horizontal page overflow on a 360-px phone; saves a full-page screenshot at desktop and
 * phone width. Leaves the page at desktop width.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  for (const [kind, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    const axe = await new AxeBuilder({ page }).analyze();
    const grave = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(grave.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`), `${name} at ${kind} width`).toEqual([]);
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, `${name} scrolls sideways at ${kind} width`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${kind}.png`, fullPage: true });
  }
  await page.setViewportSize(WIDTHS.desktop);
}

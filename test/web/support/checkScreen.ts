import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Where the suite saves its screenshots (gitignored); look at them after a run. */
export const SCREENSHOT_DIR = 'test-results/web-screens';

const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } } as const;
const LANGUAGES = ['en', 'ru'] as const;
type Language = typeof LANGUAGES[number];

/**
 * Shows the screen on display in `lang`, the way the browser's back and forward buttons move between
 * addresses: the address changes (`/en/…` ↔ `/ru/…`) and the console re-renders in place, so an
 * open dialog or menu stays open.
 */
async function showIn(page: Page, lang: Language): Promise<void> {
  await page.evaluate(`(() => {
    const path = window.location.pathname.replace(/^\\/(ru|en)(?=\\/|$)/, '/${lang}');
    window.history.replaceState(null, '', path + window.location.search);
    window.dispatchEvent(new PopStateEvent('popstate'));
  })()`);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/**
 * Words of visible text on a Russian screen that are Latin-only: nothing outside people's data
 * (elements marked `translate="no"`: names, companies), e-mails, ids, elements in another language
 * (`lang`, e.g. the "English" switch) and the product's name. (Run in the page, hence a string.)
 */
const LATIN_WORDS = String.raw`(() => {
  const found = new Set();
  const skip = (element) => !element || element.closest('[translate="no"], script, style, noscript, [lang]:not([lang="ru"]):not(html)') !== null
    || !element.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });
  const check = (text) => {
    for (const raw of text.split(/\s+/)) {
      const token = raw.replace(/^[^\p{L}\p{N}@_-]+|[^\p{L}\p{N}@_-]+$/gu, '');
      if (!/[A-Za-z]/.test(token) || /[\u0400-\u04FF]/.test(token)) continue;
      if (token.includes('@') || /^[a-z]+[-_][0-9a-z_-]*$/i.test(token) || /\d/.test(token) || token === 'partnerdesk') continue;
      found.add(token);
    }
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!skip(node.parentElement)) check(node.textContent ?? '');
  for (const field of document.querySelectorAll('input[placeholder], textarea[placeholder]')) if (!skip(field)) check(field.placeholder);
  return [...found];
})()`;

function latinWords(page: Page): Promise<string[]> {
  return page.evaluate(LATIN_WORDS);
}

/**
 * Checks the screen as it is now, in English and in Russian: no serious or critical accessibility
 * violation (axe-core), no horizontal page overflow on a 360-px phone, and in Russian no visible
 * Latin-only word outside names, e-mails, ids and the product's name; saves a full-page screenshot
 * per language at desktop and phone width (`<name>-<language>-<width>.png`). Leaves the page in
 * the language it was in, at desktop width.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  const start: Language = (await page.locator('html').getAttribute('lang')) === 'ru' ? 'ru' : 'en';
  for (const lang of [start, ...LANGUAGES.filter((other) => other !== start)]) {
    await showIn(page, lang);
    for (const [kind, size] of Object.entries(WIDTHS)) {
      await page.setViewportSize(size);
      const axe = await new AxeBuilder({ page }).analyze();
      const grave = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(grave.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`), `${name} in ${lang} at ${kind} width`).toEqual([]);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow, `${name} in ${lang} scrolls sideways at ${kind} width`).toBeLessThanOrEqual(0);
      const latin = await latinWords(page);
      if (lang === 'ru') expect(latin, `Latin-only words on the Russian ${name} at ${kind} width`).toEqual([]);
      // The same check finds the English words of the English screen: it reads what is on screen.
      else expect(latin.length, `the Latin-word check sees the English ${name}`).toBeGreaterThan(0);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${lang}-${kind}.png`, fullPage: true });
    }
  }
  await showIn(page, start);
  await page.setViewportSize(WIDTHS.desktop);
}

/** Stand-ins for a slow or failing network under the console's lazily loaded code: the scripts an address's HTML does not name. */
import type { Page } from '@playwright/test';
import { suiteStack } from './suiteStack';

/** The scripts the HTML of `address` names (the entry and its chunks); every other one is loaded later, by a screen. */
async function scriptsNamedBy(address: string): Promise<ReadonlySet<string>> {
  const html = await (await fetch(`${suiteStack().consoleUrl}${address}`)).text();
  return new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((found) => found[1]!));
}

/**
 * Holds every script the address's HTML does not name (the screens' lazily loaded chunks) until
 * `release`: what the page asks for meanwhile, the entry asked for, not the screen.
 */
export async function holdScreenChunks(page: Page, address: string): Promise<() => Promise<void>> {
  const named = await scriptsNamedBy(address);
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/assets/*.js', async (route) => {
    if (!named.has(new URL(route.request().url()).pathname)) await released;
    await route.continue();
  });
  // Released, the route lets every script through at once (it stays: unrouting would drop the held requests).
  return async () => release();
}

/** Fails every script the address's HTML does not name until the returned function is called. */
export async function failScreenChunks(page: Page, address: string): Promise<() => void> {
  const named = await scriptsNamedBy(address);
  let failing = true;
  await page.route('**/assets/*.js', (route) => (failing && !named.has(new URL(route.request().url()).pathname) ? route.abort() : route.continue()));
  return () => {
    failing = false;
  };
}

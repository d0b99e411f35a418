/**
 * Prerenders console pages with Preact's own `render` into a mini document (see `miniDom.ts`):
 * run by the build in a child process (`node prerender.mjs '<pages as JSON>'`), it prints each
 * page's markup, title and language as JSON. The globals come first: the console's modules read
 * the address when they load.
 */
import { setAddress, miniDocument } from './globals';
import { MiniElement } from './miniDom';
import { render } from 'preact';
import { App } from '../src/App';
import { rememberConfig } from '../src/config';
import { navigate } from '../src/router';
import type { Prerendered, PrerenderRequest } from './types';

/** Node's process, typed here: the web project has the browser's types only. */
declare const process: { readonly argv: readonly string[]; readonly stdout: { write(text: string): void }; exit(code: number): never };

/** Long enough for the effects Preact runs after a paint (the title, `<html lang>`): it schedules them with a timer here. */
const EFFECTS_MS = 150;

async function prerender(request: PrerenderRequest): Promise<Prerendered> {
  setAddress(request.address);
  rememberConfig(request.config);
  navigate(request.address, { replace: true });
  const root = miniDocument.body.appendChild(miniDocument.createElement('div'));
  render(<App />, root as unknown as HTMLElement);
  await new Promise((resolve) => setTimeout(resolve, EFFECTS_MS));
  // A button does nothing before the script has come, and a form's would have the browser send it itself (its
  // fields in the address): buttons are disabled in the HTML, and the console's render enables them.
  for (const button of elements(root)) if (button.localName === 'button') button.setAttribute('disabled', '');
  const page = {
    address: request.address,
    file: request.file,
    markup: root.innerHTML,
    title: miniDocument.title,
    language: String((miniDocument.documentElement as unknown as { lang?: string }).lang ?? ''),
  };
  render(null, root as unknown as HTMLElement);
  root.remove();
  return page;
}

/** `root` and every element inside it. */
function elements(root: MiniElement): MiniElement[] {
  return [root, ...root.childNodes.flatMap((child) => (child instanceof MiniElement ? elements(child) : []))];
}

async function main(): Promise<void> {
  const requests = JSON.parse(process.argv[2] ?? '[]') as PrerenderRequest[];
  const pages: Prerendered[] = [];
  for (const request of requests) pages.push(await prerender(request));
  process.stdout.write(JSON.stringify(pages));
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});

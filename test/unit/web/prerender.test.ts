import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildConsole, type ConsoleBuild, INITIAL_JS_BUDGET_KB, PRERENDERED_PAGES, scriptsAtStart, SIGN_IN_WAYS, signInWay, staticImports } from '../../../web/build';

describe('the prerendered public pages of the console build', () => {
  let outdir: string;
  const page = (file: string) => readFile(join(outdir, file), 'utf8');

  let built: ConsoleBuild;

  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'console-build-'));
    built = await buildConsole(outdir);
  }, 120_000);

  afterAll(async () => {
    await rm(outdir, { recursive: true, force: true });
  });

  it('writes each page in the language of its address, with its title and the marker the console renders over', async () => {
    for (const address of PRERENDERED_PAGES) {
      const html = await page(`${address.slice(1)}.html`);
      expect(html).toContain(`<html lang="${address.slice(1, 3)}">`);
      expect(html).toContain('<div id="app" data-prerendered=""><a class="skip-link" href="#main">');
      expect(html).not.toContain('<p class="loading">');
      expect(html).not.toContain('<title>partnerdesk</title>');
    }
    expect(await page('en/contact-sales.html')).toContain('<h1 tabindex="-1">Become a partner</h1>');
    expect(await page('ru/contact-sales.html')).toContain('<title>Стать партнёром · partnerdesk</title>');
  });

  it('preloads none of the console\'s chunks on a prerendered page, all of them on index.html', async () => {
    expect(await page('index.html')).toContain('rel="modulepreload"');
    for (const address of PRERENDERED_PAGES) expect(await page(`${address.slice(1)}.html`)).not.toContain('modulepreload');
  });

  it('starts with the entry and at most two chunks, each module of the console in one file only', async () => {
    // esbuild's own split put the entry's modules in 26 chunks, which a browser on HTTP/1.1 fetches six at a time.
    expect(staticImports(built.metafile, join(outdir, built.initial.script)).length).toBeLessThanOrEqual(2);
    const files = new Map<string, string[]>();
    for (const [output, { inputs }] of Object.entries(built.metafile.outputs).filter(([path]) => path.endsWith('.js'))) {
      for (const input of Object.keys(inputs)) files.set(input, [...(files.get(input) ?? []), output]);
    }
    expect([...files].filter(([, outputs]) => outputs.length > 1)).toEqual([]);
    expect(files.size).toBeGreaterThan(100);
  });

  it('keeps the JavaScript loaded at start within its budget (gzip -9)', async () => {
    const files = scriptsAtStart(built.metafile, outdir, built.initial.script);
    const sizes = await Promise.all(files.map(async (file) => gzipSync(await readFile(file), { level: 9 }).length));
    const total = sizes.reduce((sum, size) => sum + size, 0);
    expect(total).toBeGreaterThan(20 * 1024);
    expect(total).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB * 1024);
  });

  it('names in index.html the chunks each lazy screen\'s chunk imports, none the entry already preloads, every one a file', async () => {
    const html = await page('index.html');
    const block = /<script type="application\/json" id="chunk-imports">(.*?)<\/script>/.exec(html)?.[1];
    const imports = JSON.parse(block ?? 'null') as Record<string, string[]>;
    const preloaded = [...html.matchAll(/rel="modulepreload" href="([^"]+)"/g)].map((found) => found[1]);
    expect(imports['screens/Home/Home']?.length).toBeGreaterThan(0);
    for (const chunks of Object.values(imports)) {
      for (const chunk of chunks) {
        expect(preloaded).not.toContain(chunk);
        await expect(readFile(join(outdir, chunk))).resolves.toBeDefined();
      }
    }
    // App.tsx names each lazy screen's module twice (the import and the key of this list): a key that drifted would preload nothing.
    const app = await readFile(join(__dirname, '../../../web/src/App.tsx'), 'utf8');
    const screens = [...app.matchAll(/lazyScreen\(\(\) => import\('\.\/([^']+)'\)[^\n]*?, '([^']+)'\)/g)];
    expect(screens.length).toBeGreaterThanOrEqual(10);
    for (const [, imported, key] of screens) expect(key).toBe(imported);
  });

  it('disables every button until the console renders, and keeps a translated name out of translation', async () => {
    const html = await page('en/contact-sales.html');
    expect(html).toContain('<button type="submit" disabled="">Send application</button>');
    expect(html).not.toMatch(/<button(?![^>]*disabled)[^>]*>/);
    expect(html).toContain('<a class="brand" translate="no" href="/en">partnerdesk</a>');
  });

  it('writes the sign-in page once per way of signing in, and the contact form once', async () => {
    expect((await readdir(join(outdir, 'en'))).sort()).toEqual(['contact-sales.html', 'sign-in.cognito-console.html', 'sign-in.cognito.html', 'sign-in.html']);
    expect(await page('en/sign-in.html')).toContain('Sign in as partner@partnerdesk.local');
    expect(await page('en/sign-in.cognito.html')).not.toContain('partner@partnerdesk.local');
    expect(await page('en/sign-in.cognito-console.html')).toContain('Create a cloud account');
    expect(await page('en/sign-in.cognito.html')).not.toContain('Create a cloud account');
  });

  it('names the way of a console by its settings', () => {
    expect(signInWay({ mode: 'local' })).toBeUndefined();
    expect(signInWay(SIGN_IN_WAYS.cognito)).toBe('cognito');
    expect(signInWay(SIGN_IN_WAYS['cognito-console'])).toBe('cognito-console');
  });
});

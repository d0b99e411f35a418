/**
 * Builds the web console into `web/dist/`: one ES module entry (Preact, signals, the typed API
 * client, the first screens) plus lazily loaded chunks (screens, uPlot), `index.html` naming the
 * hashed entry and preloading its chunks, the stylesheet, and the prerendered public pages with
 * their own tiny entry (`src/prerendered.tsx`). `npm run build:web`.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions, type Loader, type Metafile, type Plugin } from 'esbuild';
import type { Prerendered, PrerenderRequest } from './prerender/types';
import type { AuthConfig } from './src/config';

/** Most JavaScript a browser loads at start (the entry and the chunks it imports statically), gzip -9, in KB (issue 28). */
export const INITIAL_JS_BUDGET_KB = 60;

/** Where the built console is written. */
export const CONSOLE_DIST = join(__dirname, 'dist');

/**
 * Public pages written as HTML with their first paint in it (`<address>.html`, e.g. `en/contact-sales.html`):
 * a visitor from a link reads the page once the HTML and the stylesheet have come, not after the
 * script, its chunks and `config.json` (issue 28: the contact form's LCP was 2.0 s). The CloudFront
 * viewer-request function and the local console server serve each for its address.
 */
export const PRERENDERED_PAGES: readonly string[] = ['/en/contact-sales', '/ru/contact-sales', '/en/sign-in', '/ru/sign-in'];

/**
 * The sign-in page shows what `config.json` offers (the local stand-in's form, or Cognito's buttons with or
 * without the cloud-console users' pool): `<address>.html` is written for the local stand-in and
 * `<address>.<way>.html` for each way here; the Console construct deploys the way of its settings as
 * `<address>.html`. Only the shape of the settings matters to the markup, not their values.
 */
export const SIGN_IN_WAYS = {
  cognito: { mode: 'cognito', staff: { domain: 'https://staff.invalid', clientId: 'prerender' } },
  'cognito-console': {
    mode: 'cognito', staff: { domain: 'https://staff.invalid', clientId: 'prerender' }, console: { domain: 'https://console.invalid', clientId: 'prerender' },
  },
} as const satisfies Readonly<Record<string, AuthConfig>>;

/** The way of signing in of a console with `auth` (`config.json`), whose prerendered pages it is served; none for the local stand-in. */
export function signInWay(auth: { readonly mode: string; readonly console?: unknown }): keyof typeof SIGN_IN_WAYS | undefined {
  if (auth.mode !== 'cognito') return undefined;
  return auth.console === undefined ? 'cognito' : 'cognito-console';
}

/** The HTML index.html is written with, which a prerendered page replaces. */
const TEMPLATE_PARTS = {
  language: '<html lang="en">',
  title: '<title>partnerdesk</title>',
  app: '<div id="app"><p class="loading">partnerdesk…</p></div>',
} as const;

/** What one build produced: the files the browser loads first, and esbuild's account of every output. */
export interface ConsoleBuild {
  /** Paths (relative to `dist/`) of the entry script and stylesheet that index.html loads. */
  readonly initial: { readonly script: string; readonly stylesheet: string };
  readonly metafile: Metafile;
}

/** Bundles the console (minified, code-split ESM) and writes index.html next to it. */
export async function buildConsole(outdir = CONSOLE_DIST): Promise<ConsoleBuild> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const options = {
    entryPoints: { main: join(__dirname, 'src/main.tsx'), prerendered: join(__dirname, 'src/prerendered.tsx') },
    outdir: join(outdir, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    sourcemap: false,
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    // Module scripts are always read as UTF-8: the Russian catalogue stays in letters, not \u escapes (a third of its bytes).
    charset: 'utf8',
    logLevel: 'warning',
  } satisfies BuildOptions;
  // First an account of the module graph (nothing written), then the build whose lazily loaded modules share one chunk of the entry's.
  const graph = await build({ ...options, write: false });
  const result = await build({ ...options, plugins: [entryModulesInOneChunk(graph.metafile, join(__dirname, 'src/main.tsx'))] });
  const outputs = Object.entries(result.metafile.outputs);
  const entryOf = (extension: string): string => {
    // Lazily imported chunks are entry points too in esbuild's account: the console's entry is the one of `src/main.tsx`.
    const found = outputs.find(([path, output]) => output.entryPoint?.endsWith('src/main.tsx') === true && path.endsWith(extension))
      ?? outputs.find(([path]) => /\/main-[^/]+$/.test(path) && path.endsWith(extension));
    if (!found) throw new Error(`build:web produced no ${extension} entry`);
    return relative(outdir, found[0]).split('\\').join('/');
  };
  const initial = { script: entryOf('.js'), stylesheet: entryOf('.css') };
  const prerenderedEntry = outputs.find(([, output]) => output.entryPoint?.endsWith('src/prerendered.tsx') === true)?.[0];
  if (!prerenderedEntry) throw new Error('build:web produced no entry for the prerendered pages');
  const template = await readFile(join(__dirname, 'index.html'), 'utf8');
  for (const part of Object.values(TEMPLATE_PARTS)) if (!template.includes(part)) throw new Error(`web/index.html has lost ${part}, which prerendered pages replace`);
  // The chunks the entry imports statically are named in index.html, so the browser fetches them beside
  // the entry instead of after it (one round trip less before the first screen).
  const preloads = staticImports(result.metafile, join(outdir, initial.script))
    .map((path) => `<link rel="modulepreload" href="/${relative(outdir, path).split('\\').join('/')}">`);
  const withStylesheet = template.replace('%STYLESHEET%', `/${initial.stylesheet}`);
  const chunkImports = `<script type="application/json" id="${CHUNK_IMPORTS_ID}">${JSON.stringify(lazyChunkImports(result.metafile, outdir, initial.script))}</script>`;
  await writeFile(join(outdir, 'index.html'), withStylesheet.replace('%SCRIPT%', `/${initial.script}`)
    .replace('%MODULEPRELOADS%', [...preloads, chunkImports].join('\n  ')));
  const pages = await prerender(PRERENDERED_PAGES);
  for (const page of pages) {
    // A way of signing in gets its own file only where the page shows it (the sign-in page, not the contact form).
    const local = pages.find((other) => other.address === page.address && other.file === `${page.address.slice(1)}.html`);
    if (local && local !== page && local.markup === page.markup) continue;
    const file = join(outdir, page.file);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, withStylesheet
      // The page is readable without its script: its entry fetches the console's chunks once the page is painted,
      // so none is preloaded (on a fast network they would come, and run, before the first paint).
      .replace('%SCRIPT%', `/${relative(outdir, prerenderedEntry).split('\\').join('/')}`)
      .replace('\n  %MODULEPRELOADS%', '')
      .replace(TEMPLATE_PARTS.language, `<html lang="${escapeHtml(page.language)}">`)
      .replace(TEMPLATE_PARTS.title, `<title>${escapeHtml(page.title)}</title>`)
      // The console's script sees the marker and renders over this markup instead of clearing it.
      .replace(TEMPLATE_PARTS.app, `<div id="app" data-prerendered="">${page.markup}</div>`));
  }
  await copyFile(join(__dirname, 'favicon.svg'), join(outdir, 'favicon.svg'));
  return { initial, metafile: result.metafile };
}

/**
 * Renders `addresses` with the console's own components and Preact's `render` into a mini document,
 * in a child process (the console's modules want browser globals, which the build's process must not get).
 */
async function prerender(addresses: readonly string[]): Promise<Prerendered[]> {
  const workdir = await mkdtemp(join(tmpdir(), 'console-prerender-'));
  try {
    const script = join(workdir, 'prerender.mjs');
    await build({
      entryPoints: [join(__dirname, 'prerender/entry.tsx')],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: ['node20'],
      jsx: 'automatic',
      jsxImportSource: 'preact',
      logLevel: 'warning',
    });
    const requests: PrerenderRequest[] = addresses.flatMap((address) => [
      { address, file: `${address.slice(1)}.html`, config: { apiUrl: '', auth: { mode: 'local' } } },
      ...Object.entries(SIGN_IN_WAYS).map(([way, auth]) => ({ address, file: `${address.slice(1)}.${way}.html`, config: { apiUrl: '', auth } })),
    ]);
    const { stdout } = await promisify(execFile)(process.execPath, [script, JSON.stringify(requests)], { maxBuffer: 16 * 1024 * 1024 });
    const pages = JSON.parse(stdout) as Prerendered[];
    for (const page of pages) if (!page.markup || !page.title || !page.language) throw new Error(`the prerender of ${page.address} came out empty`);
    return pages;
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The id of index.html's data block naming the chunks each lazily loaded module imports (`lazyChunkImports`). */
export const CHUNK_IMPORTS_ID = 'chunk-imports';

/** esbuild's loader of a lazily loaded module by its extension (JavaScript otherwise). */
const LOADERS: Readonly<Record<string, Loader>> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.jsx': 'jsx' };

/**
 * esbuild splits the modules the entry imports statically into one chunk per set of lazily loaded
 * modules that also import them (30 files at the start), and a browser on HTTP/1.1 fetches six at a
 * time, each a round trip even from its cache. Every lazily loaded module is made to import all of
 * them (a side-effect import of modules the entry has run before any lazy module loads, so nothing
 * runs twice or earlier): they then share one set, and the start is the entry and a couple of chunks.
 */
export function entryModulesInOneChunk(graph: Metafile, entry: string): Plugin {
  const cwd = process.cwd();
  const absolute = (path: string) => resolve(cwd, path);
  const code = /\.[cm]?[jt]sx?$/;
  const reached = new Set<string>();
  const visit = (path: string): void => {
    if (reached.has(path)) return;
    reached.add(path);
    for (const imported of graph.inputs[path]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  const entryKey = Object.keys(graph.inputs).find((path) => absolute(path) === resolve(entry));
  if (!entryKey) throw new Error(`esbuild's account has no input ${entry}`);
  visit(entryKey);
  const lazy = new Set(Object.values(graph.inputs).flatMap((input) => input.imports)
    .filter((imported) => imported.kind === 'dynamic-import' && !reached.has(imported.path)).map((imported) => absolute(imported.path)));
  // A package that declares no side effects has its bare imports dropped (and esbuild warns): they are left out.
  const imports = [...reached].filter((path) => path !== entryKey && code.test(path) && !declaresNoSideEffects(absolute(path))).map((path) => `import ${JSON.stringify(absolute(path))};`).join('');
  return {
    name: 'entry-modules-in-one-chunk',
    setup(builder) {
      builder.onLoad({ filter: code }, async (args) => {
        if (!lazy.has(args.path)) return undefined;
        // On the module's first line, so the lines of its own code keep their numbers.
        return { contents: `${imports}${await readFile(args.path, 'utf8')}`, loader: LOADERS[extname(args.path)] ?? 'js' };
      });
    },
  };
}

/** Whether the package `path` belongs to says in its package.json that its modules have no side effects. */
function declaresNoSideEffects(path: string): boolean {
  const root = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(path)?.[1];
  if (!root) return false;
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { sideEffects?: unknown }).sideEffects === false;
}

/**
 * Per lazily loaded module (by its path under `web/src` without extension, e.g. `screens/Home/Home`), the
 * chunks its own chunk imports statically that the entry does not: the console's entry asks for them
 * together with the screen's chunk (`preloadScreen`), instead of after that chunk has come and named
 * them, one round trip later. A data block (never run, so the CSP's `script-src 'self'` holds).
 */
export function lazyChunkImports(metafile: Metafile, outdir: string, entryScript: string): Record<string, string[]> {
  const initial = new Set(scriptsAtStart(metafile, outdir, entryScript));
  const sources = join(__dirname, 'src');
  const found: Record<string, string[]> = {};
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint || !path.endsWith('.js') || initial.has(resolve(path))) continue;
    const source = relative(sources, resolve(output.entryPoint)).split('\\').join('/').replace(/\.tsx?$/, '');
    if (source.startsWith('..')) continue;
    const imports = staticImports(metafile, path).filter((imported) => !initial.has(resolve(imported)));
    if (imports.length > 0) found[source] = imports.map((imported) => `/${relative(outdir, imported).split('\\').join('/')}`);
  }
  return found;
}

/** Absolute paths of the scripts a browser loads at start: the entry (`entryScript`, relative to `outdir`) and the chunks it imports statically. */
export function scriptsAtStart(metafile: Metafile, outdir: string, entryScript: string): string[] {
  const entry = join(outdir, entryScript);
  return [entry, ...staticImports(metafile, entry)].map((path) => resolve(path));
}

/** The chunks `entry` imports statically, directly or through each other (not the lazily imported ones), in esbuild's paths. */
export function staticImports(metafile: Metafile, entry: string): string[] {
  const key = Object.keys(metafile.outputs).find((path) => resolve(path) === resolve(entry)) ?? entry;
  const found = new Set<string>();
  const visit = (path: string): void => {
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || found.has(imported.path)) continue;
      found.add(imported.path);
      visit(imported.path);
    }
  };
  visit(key);
  return [...found];
}

if (require.main === module) {
  buildConsole().then(
    ({ initial }) => console.log(`web console built into ${relative(process.cwd(), CONSOLE_DIST)}/ (entry ${initial.script})`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

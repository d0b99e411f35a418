/**
 * Builds the web console into `web/dist/`: one ES module entry (Preact, signals, the typed API
 * client, every screen but the chart) plus lazily loaded chunks (uPlot on the expenses view),
 * `index.html` naming the hashed entry, and the stylesheet. `npm run build:web`.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';

/** Where the built console is written. */
export const CONSOLE_DIST = join(__dirname, 'dist');

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
  const result = await build({
    entryPoints: { main: join(__dirname, 'src/main.tsx') },
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
  });
  const outputs = Object.entries(result.metafile.outputs);
  const entryOf = (extension: string): string => {
    // Lazily imported chunks are entry points too in esbuild's account: the console's entry is the one of `src/main.tsx`.
    const found = outputs.find(([path, output]) => output.entryPoint?.endsWith('src/main.tsx') === true && path.endsWith(extension))
      ?? outputs.find(([path]) => /\/main-[^/]+$/.test(path) && path.endsWith(extension));
    if (!found) throw new Error(`build:web produced no ${extension} entry`);
    return relative(outdir, found[0]).split('\\').join('/');
  };
  const initial = { script: entryOf('.js'), stylesheet: entryOf('.css') };
  const template = await readFile(join(__dirname, 'index.html'), 'utf8');
  // The chunks the entry imports statically are named in index.html, so the browser fetches them beside
  // the entry instead of after it (one round trip less before the first screen).
  const preloads = staticImports(result.metafile, join(outdir, initial.script))
    .map((path) => `<link rel="modulepreload" href="/${relative(outdir, path).split('\\').join('/')}">`);
  await writeFile(join(outdir, 'index.html'), template
    .replace('%SCRIPT%', `/${initial.script}`)
    .replace('%STYLESHEET%', `/${initial.stylesheet}`)
    .replace('%MODULEPRELOADS%', preloads.join('\n  ')));
  await copyFile(join(__dirname, 'favicon.svg'), join(outdir, 'favicon.svg'));
  return { initial, metafile: result.metafile };
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

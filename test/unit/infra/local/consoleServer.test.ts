import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startConsoleServer } from '../../../../infra/local/consoleServer';
import type { ListeningServer } from '../../../../infra/local/listenLocally';

describe('the local console server', () => {
  let root: string;
  let server: ListeningServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'console-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>console</title>');
    await mkdir(join(root, 'en'));
    await writeFile(join(root, 'en', 'contact-sales.html'), '<!doctype html><title>Contact sales</title>');
    await writeFile(join(root, 'assets', 'main-ABC.js'), 'console.log(1)');
    await writeFile(join(root, 'assets', 'chunk-BIG.js'), 'console.log("a chunk of the console");\n'.repeat(100));
    await writeFile(join(tmpdir(), 'outside-the-console.txt'), 'secret');
    server = await startConsoleServer({
      root,
      config: () => ({ apiUrl: 'http://127.0.0.1:3000', auth: { mode: 'local' } }),
      connectTo: () => ['http://127.0.0.1:3000'],
    });
  });

  afterAll(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('serves config.json with the API address and the sign-in mode, never cached', async () => {
    const response = await fetch(`${server.url}/config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ apiUrl: 'http://127.0.0.1:3000', auth: { mode: 'local' } });
  });

  it('serves hashed assets as immutable, with their content type and the security headers', async () => {
    const response = await fetch(`${server.url}/assets/main-ABC.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' http://127.0.0.1:3000");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers index.html for any screen path (the console routes in the browser), and 404 for a missing asset', async () => {
    const screen = await fetch(`${server.url}/invitations/abc?x=1`);
    expect(screen.status).toBe(200);
    expect(await screen.text()).toContain('<title>console</title>');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
  });

  it('serves a prerendered page for its address, with or without a final slash, and index.html beside it', async () => {
    for (const address of ['/en/contact-sales', '/en/contact-sales/', '/en/contact-sales?from=mail']) {
      const page = await fetch(`${server.url}${address}`);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain('<title>Contact sales</title>');
    }
    expect(await (await fetch(`${server.url}/ru/contact-sales`)).text()).toContain('<title>console</title>');
    expect(await (await fetch(`${server.url}/en/contact-sales/more`)).text()).toContain('<title>console</title>');
  });

  it('never serves a file outside its folder', async () => {
    // An encoded slash keeps `..` inside one URL segment, so neither fetch nor the URL parser removes it.
    const response = await fetch(`${server.url}/%2e%2e%2foutside-the-console.txt`);
    expect(await response.text()).not.toContain('secret');
  });

  it('sends text gzipped to a browser that accepts it, as CloudFront does, and small answers as they are', async () => {
    const get = (path: string, acceptEncoding: string) => new Promise<{ encoding?: string; vary?: string; body: Buffer }>((resolve, reject) => {
      request(`${server.url}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ encoding: response.headers['content-encoding'], vary: response.headers.vary, body: Buffer.concat(chunks) }));
      }).on('error', reject).end();
    });
    const big = await get('/assets/chunk-BIG.js', 'gzip, deflate, br');
    expect(big.encoding).toBe('gzip');
    expect(big.vary).toBe('accept-encoding');
    expect(gunzipSync(big.body).toString('utf8')).toBe('console.log("a chunk of the console");\n'.repeat(100));
    expect((await get('/assets/chunk-BIG.js', 'identity')).encoding).toBeUndefined();
    expect((await get('/assets/main-ABC.js', 'gzip')).encoding).toBeUndefined();
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await fetch(`${server.url}/`, { method: 'POST' })).status).toBe(405);
  });
});

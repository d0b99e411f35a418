import { readFile, stat } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listenLocally, type ListeningServer } from './listenLocally';

/** Content types of the files `npm run build:web` writes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** Smaller answers are sent as they are (CloudFront compresses from 1,000 bytes). */
const MIN_COMPRESSED_BYTES = 1000;

/** What the local console server serves. */
export interface ConsoleServerOptions {
  /** The built console (`web/dist`). */
  readonly root: string;
  /** `config.json` as the console reads it (`{ apiUrl, auth: { mode: 'local' } }` locally); read per request. */
  readonly config: () => unknown;
  /** Origins the console may call besides its own (the API), for the Content-Security-Policy. */
  readonly connectTo: () => readonly string[];
  readonly port?: number;
}

/** A running console server. */
export type RunningConsoleServer = ListeningServer;

function securityHeaders(connectTo: readonly string[]): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'self'", `connect-src 'self' ${connectTo.join(' ')}`, "img-src 'self' data:", "style-src 'self'",
      "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

/**
 * Serves the built web console locally the way CloudFront does in AWS: static files, a prerendered
 * page for its address, `index.html` for every other path (the console routes in the browser, e.g. `/invitations/<token>` from a
 * mail), and `config.json` naming the API and the sign-in mode.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<RunningConsoleServer> {
  const root = normalize(options.root);
  const server = createServer((request, response) => {
    void (async () => {
      const headers = securityHeaders(options.connectTo());
      // Text is sent gzipped to a browser that accepts it, as CloudFront does in AWS (its behaviour compresses):
      // Lighthouse measures the bytes a phone would download.
      const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
      const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, cache: string) => {
        const compress = gzip && !type.startsWith('image/') && Buffer.byteLength(body) >= MIN_COMPRESSED_BYTES;
        const sent = compress ? gzipSync(body) : body;
        res.writeHead(status, {
          ...headers, 'content-type': type, 'cache-control': cache, vary: 'accept-encoding', ...(compress && { 'content-encoding': 'gzip' }),
        });
        res.end(request.method === 'HEAD' ? undefined : sent);
      };
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed', 'no-store');
      }
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname);
      if (path === '/config.json') {
        return send(response, 200, CONTENT_TYPES['.json']!, JSON.stringify(options.config()), 'no-store');
      }
      const file = normalize(join(root, path));
      const inside = file.startsWith(root + sep) && extname(file) !== '';
      if (inside && (await stat(file).then((found) => found.isFile(), () => false))) {
        // Hashed asset names never change content; index.html and config.json are always fetched anew.
        const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
        return send(response, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file), cache);
      }
      if (path.startsWith('/assets/')) return send(response, 404, 'text/plain; charset=utf-8', 'Not found', 'no-store');
      // A prerendered page (`en/contact-sales.html`, web/build.ts) is served for its address, as the viewer-request function does.
      const page = normalize(join(root, `${path.replace(/\/+$/, '')}.html`));
      const prerendered = extname(path) === '' && page.startsWith(root + sep) ? await readFile(page).catch(() => undefined) : undefined;
      if (prerendered) return send(response, 200, CONTENT_TYPES['.html']!, prerendered, 'no-cache');
      const index = await readFile(join(root, 'index.html')).catch(() => undefined);
      if (!index) return send(response, 503, 'text/plain; charset=utf-8', 'The web console is not built: run npm run build:web', 'no-store');
      return send(response, 200, CONTENT_TYPES['.html']!, index, 'no-cache');
    })().catch((error: unknown) => {
      console.error('[console] request failed', error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  return listenLocally(server, options.port);
}

/**
 * The browser globals the console's modules read when they load or render (the address, storage,
 * the preferred languages), over a mini document. Imported first by the prerender entry, in the
 * child process that prerenders, never in the build's own process.
 */
import { MiniDocument } from './miniDom';

/** Where the page being prerendered is; `setAddress` moves it. */
const location = { pathname: '/', search: '', hash: '', origin: 'https://console.invalid', href: 'https://console.invalid/' };

/** Points `window.location` at `address` (a path with its query). */
export function setAddress(address: string): void {
  const url = new URL(address, location.origin);
  Object.assign(location, { pathname: url.pathname, search: url.search, hash: url.hash, href: url.href });
}

/** Storage that starts empty for every prerender: a first visit. */
function emptyStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

/** The mini document the pages render into. */
export const miniDocument = new MiniDocument();

const noop = (): void => undefined;
const globals: Record<string, unknown> = {
  document: miniDocument,
  window: {
    location,
    history: { pushState: (_: unknown, __: string, to: string) => setAddress(to), replaceState: (_: unknown, __: string, to: string) => setAddress(to) },
    addEventListener: noop,
    removeEventListener: noop,
  },
  navigator: { language: 'en', languages: ['en'] },
  sessionStorage: emptyStorage(),
  localStorage: emptyStorage(),
};
for (const [name, value] of Object.entries(globals)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });

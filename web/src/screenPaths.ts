/** The console's screens by path pattern (`App.tsx` renders one for each), and the return path after signing in. */

/** Every path the console shows a screen at (`:name` is one path segment); a test holds `App.tsx` to the same list. */
export const SCREEN_PATHS = [
  '/',
  '/contact-sales',
  '/sign-in',
  '/auth/callback',
  '/invitations/:token',
  '/clients',
  '/clients/:id',
  '/clients/:id/balance',
  '/audit',
  '/applications',
  '/applications/:id',
  '/home',
  '/budgets',
  '/notifications',
  '/team',
  '/partners',
  '/partners/:id',
  '/api-keys',
  '/webhooks',
] as const;

/** A path made of printable ASCII other than `\` (no tab, line break, space or backslash the URL parser would bend). */
const PLAIN_PATH = /^\/[!-[\]-~]*$/;

/** Where the console may return after signing in, after sign-in itself (which would loop) and the callback. */
const RETURNABLE = SCREEN_PATHS.filter((pattern) => pattern !== '/sign-in' && pattern !== '/auth/callback');

function isScreen(pathname: string): boolean {
  // The page's language leads every address (`/ru/clients`): the screen is what follows it.
  const screen = pathname.replace(/^\/(ru|en)(?=\/|$)/, '') || '/';
  return RETURNABLE.some((pattern) => new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}/?$`).test(screen));
}

/**
 * The return path `next` (from `?next=` or a sign-in's saved state) if it stays on this console and
 * resolves to one of its screens; `/` otherwise. A path that a browser would read as another origin
 * (`//evil`, `/\evil`, `/\t/evil`, `https://…`, their percent-encoded forms) never passes.
 *
 * @example
 * returnPath('/clients?status=active', 'https://partners.example.com') // '/clients?status=active'
 * returnPath('/\\evil.example', 'https://partners.example.com') // '/'
 */
export function returnPath(next: string | null | undefined, origin: string): string {
  if (!next || !PLAIN_PATH.test(next) || next.startsWith('//')) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(origin).origin || !isScreen(url.pathname)) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

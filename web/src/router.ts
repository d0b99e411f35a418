/**
 * The console's URL as a signal: screens read `route.value`, links and forms call `navigate`.
 * The language is the first part of every address (`/ru/clients`, `/en/clients`); screens see
 * the path without it, and `navigate` puts the page's language back in front.
 */
import { signal } from '@preact/signals';
import { asLanguage, type Language, language } from './i18n/language';

/** Where the browser is: the path (without the language) and the query (filters, search, cursor and tabs live in the URL). */
export interface Route {
  /** The language in the address, or undefined when the address has none (the app then redirects). */
  readonly language: Language | undefined;
  readonly path: string;
  readonly query: URLSearchParams;
}

/** Splits `/ru/clients` into its language and the path the screens match. */
export function splitLanguage(pathname: string): { language: Language | undefined; path: string } {
  const found = /^\/([a-z]{2})(\/.*)?$/.exec(pathname);
  const known = asLanguage(found?.[1]);
  return known ? { language: known, path: found?.[2] || '/' } : { language: undefined, path: pathname };
}

function here(): Route {
  const { language: inAddress, path } = splitLanguage(window.location.pathname);
  if (inAddress) language.value = inAddress;
  return { language: inAddress, path, query: new URLSearchParams(window.location.search) };
}

/** The current route. */
export const route = signal<Route>(here());
window.addEventListener('popstate', () => {
  route.value = here();
});

/** `to` (a console path with its query) in the page's language; an address that already names a language keeps it. */
export function localized(to: string, lang: Language = language.value): string {
  const path = to.split(/[?#]/)[0] ?? to;
  return splitLanguage(path).language ? to : `/${lang}${to === '/' ? '' : to}`;
}

/** Goes to `to` (path and query); `replace` keeps the history short for typing in a search box. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const address = localized(to);
  if (options.replace) window.history.replaceState(null, '', address);
  else window.history.pushState(null, '', address);
  route.value = here();
}

/** `path` with the non-empty query parameters. */
export function withQuery(path: string, query: Readonly<Record<string, string | undefined | null>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Matches `/clients/:id/balance` against a path; returns the named parts, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  })}/?$`);
  const found = regex.exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]));
}

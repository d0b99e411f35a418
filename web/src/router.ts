/** The console's URL as a signal: screens read `route.value`, links and forms call `navigate`. */
import { signal } from '@preact/signals';

/** Where the browser is: the path and the query (filters, search, cursor and tabs live in the URL). */
export interface Route {
  readonly path: string;
  readonly query: URLSearchParams;
}

function here(): Route {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

/** The current route. */
export const route = signal<Route>(here());
window.addEventListener('popstate', () => {
  route.value = here();
});

/** Goes to `to` (path and query); `replace` keeps the history short for typing in a search box. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
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

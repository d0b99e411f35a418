/** The console's run-time settings, served as `/config.json` (written at deploy time, or by the local console server). */
export interface CognitoClient {
  /** Hosted/managed login domain, e.g. `auth.example.com` or `https://x.auth.eu-central-1.amazoncognito.com`. */
  readonly domain: string;
  readonly clientId: string;
}

/**
 * How people sign in: the local stand-in, or Cognito — the staff pool, and the cloud-console users'
 * pool unless the cloud brings its own identity provider for them (then `console` is absent).
 */
export type AuthConfig =
  | { readonly mode: 'local' }
  | { readonly mode: 'cognito'; readonly staff: CognitoClient; readonly console?: CognitoClient };

/** The whole `config.json`. */
export interface ConsoleConfig {
  readonly apiUrl: string;
  readonly auth: AuthConfig;
}

function isCognitoClient(value: unknown): value is CognitoClient {
  const client = value as Partial<CognitoClient> | undefined;
  return typeof client?.domain === 'string' && typeof client.clientId === 'string';
}

/** Reads and checks `/config.json`; a console without it cannot work, so this throws with a clear message. */
export async function loadConfig(): Promise<ConsoleConfig> {
  // index.html preloads it (same mode and credentials as this fetch, so the browser hands over that answer);
  // its server says how it is cached: never stored locally, revalidated in AWS, so a deploy shows at once.
  const response = await fetch('/config.json');
  if (!response.ok) throw new Error(`config.json could not be loaded (HTTP ${response.status})`);
  const raw = (await response.json()) as { apiUrl?: unknown; auth?: { mode?: unknown; staff?: unknown; console?: unknown } };
  if (typeof raw.apiUrl !== 'string') throw new Error('config.json has no apiUrl');
  const apiUrl = raw.apiUrl.replace(/\/+$/, '');
  if (raw.auth?.mode === 'local') return { apiUrl, auth: { mode: 'local' } };
  if (raw.auth?.mode === 'cognito' && isCognitoClient(raw.auth.staff) && (raw.auth.console === undefined || isCognitoClient(raw.auth.console))) {
    return { apiUrl, auth: { mode: 'cognito', staff: raw.auth.staff, ...(raw.auth.console !== undefined && { console: raw.auth.console }) } };
  }
  throw new Error('config.json has no usable auth settings');
}

let loaded: ConsoleConfig | undefined;

/** Remembers the loaded settings for the modules that need them (sign-in, API client). */
export function rememberConfig(config: ConsoleConfig): void {
  loaded = config;
}

/** The settings loaded at start-up. */
export function consoleConfig(): ConsoleConfig {
  if (!loaded) throw new Error('config.json is not loaded yet');
  return loaded;
}

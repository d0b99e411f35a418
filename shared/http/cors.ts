import { REQUEST_ID_HEADER } from './requestId';

/** CORS policy shared by the HTTP API (CDK `corsPreflight`) and the local gateway. */
export interface CorsPolicy {
  /** Browser origins allowed to call the API, e.g. `https://console.example.com`. */
  readonly allowOrigins: readonly string[];
  /** Request headers a browser may send. */
  readonly allowHeaders: readonly string[];
  /** Methods a browser may use. */
  readonly allowMethods: readonly string[];
  /** Response headers a browser script may read. */
  readonly exposeHeaders: readonly string[];
  /** How long a browser may cache a preflight answer, in seconds. */
  readonly maxAgeSeconds: number;
}

/** The local web console's origin under both names a browser may use for it (`npm start`). */
const LOCAL_CONSOLE_ORIGINS = 'http://localhost:5173,http://127.0.0.1:5173';

/** Builds the policy from a comma-separated list of origins (env `ALLOWED_ORIGINS`). */
export function corsPolicy(allowedOrigins = process.env.ALLOWED_ORIGINS ?? LOCAL_CONSOLE_ORIGINS): CorsPolicy {
  return {
    allowOrigins: allowedOrigins.split(',').map((origin) => origin.trim()).filter(Boolean),
    allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: ['retry-after', 'location', REQUEST_ID_HEADER],
    maxAgeSeconds: 600,
  };
}

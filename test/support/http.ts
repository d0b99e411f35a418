/** A small JSON client for end-to-end tests against the local gateway. */
export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions inspect arbitrary JSON
}

/** Sends a JSON request; `token` becomes a bearer token. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    ...(options.body !== undefined && { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (e.g. an HTML page): keep the text
  }
  return { status: response.status, headers: response.headers, body };
}

/** Matcher for the documented error shape with a given code (and the request id a partner quotes to support). */
export function errorWithCode(code: string): unknown {
  return { error: { code, message: expect.any(String), details: expect.any(Object), requestId: expect.stringMatching(/\S/) } };
}

/**
 * Matcher for an error of a local stand-in of another service (`/__local/login` for Cognito's
 * sign-in): the same shape, but no API request id, since in AWS that answer is not the API's.
 */
export function standInErrorWithCode(code: string): unknown {
  return { error: { code, message: expect.any(String), details: expect.any(Object) } };
}

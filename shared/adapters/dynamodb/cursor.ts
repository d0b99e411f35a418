import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../domain/errors';

/**
 * The key cursors are signed with: `CURSOR_SIGNING_KEY` (in AWS resolved from the stack's secret at
 * deploy time, locally a random key per start). Missing, it is a configuration error, not a 400.
 */
function signingKey(env = process.env): string {
  const key = env.CURSOR_SIGNING_KEY;
  if (!key) throw new Error('CURSOR_SIGNING_KEY is not set: page cursors cannot be signed or checked');
  return key;
}

/** HMAC-SHA-256 of the cursor's payload together with the listing it belongs to. */
function signature(payload: string, listing: string): string {
  return createHmac('sha256', signingKey()).update(`${listing}\n${payload}`).digest('base64url');
}

function invalidCursor(): ValidationError {
  return new ValidationError('Invalid cursor', [{ path: 'query.cursor', message: 'Not a cursor from a previous page of this listing' }], 'invalid_cursor');
}

/**
 * Encodes DynamoDB's `LastEvaluatedKey` as an opaque, URL-safe cursor, signed (HMAC) together with
 * `listing`: what the query reads (partition, filters, period), so a cursor works only for the
 * listing that produced it.
 */
export function encodeCursor(key: Record<string, unknown> | undefined, listing: string): string | undefined {
  if (!key) return undefined;
  const payload = Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
  return `${payload}.${signature(payload, listing)}`;
}

/**
 * Decodes a cursor back to an `ExclusiveStartKey`. Only a cursor this API signed for the same
 * `listing`, holding exactly the string attributes `attributes`, is accepted; anything else (forged,
 * from another partner's or another filter's listing, truncated) is a 400 `invalid_cursor`, never
 * a query DynamoDB would refuse.
 */
export function decodeCursor(cursor: string | undefined, attributes: readonly string[], listing: string): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const [payload, mac, ...rest] = cursor.split('.');
  if (!payload || !mac || rest.length > 0) throw invalidCursor();
  const expected = Buffer.from(signature(payload, listing));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidCursor();
  const entries = Object.entries(parsed);
  const exactKeySet = entries.length === attributes.length && attributes.every((name) => typeof (parsed as Record<string, unknown>)[name] === 'string');
  if (!exactKeySet) throw invalidCursor();
  return Object.fromEntries(entries) as Record<string, string>;
}

/**
 * A page cut from a query asked for one item more than `limit`: the first `limit` items and, when
 * the extra one came back, the cursor of the last item shown (its `attributes`) for `listing` —
 * so there is no cursor to an empty next page.
 */
export function pageOfOneMore<T extends Record<string, unknown>>(
  found: readonly T[],
  limit: number,
  attributes: readonly string[],
  listing: string,
): { shown: T[]; nextCursor?: string } {
  const shown = found.slice(0, limit);
  const last = shown.at(-1);
  const nextCursor = found.length > limit && last ? encodeCursor(Object.fromEntries(attributes.map((name) => [name, last[name]])), listing) : undefined;
  return { shown, ...(nextCursor && { nextCursor }) };
}

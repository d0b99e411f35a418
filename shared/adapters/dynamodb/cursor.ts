import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../domain/errors';
import { type CursorKey, cursorKeys } from '../aws/cursorKeys';

/** HMAC-SHA-256 of the cursor's payload together with the listing it belongs to. */
function signature(key: CursorKey, payload: string, listing: string): string {
  return createHmac('sha256', key.secret).update(`${listing}\n${payload}`).digest('base64url');
}

function invalidCursor(): ValidationError {
  return new ValidationError('Invalid cursor', [{ path: 'query.cursor', message: 'Not a cursor from a previous page of this listing' }], 'invalid_cursor');
}

/**
 * Encodes DynamoDB's `LastEvaluatedKey` as an opaque, URL-safe cursor `<key id>.<payload>.<mac>`,
 * signed (HMAC) with the current cursor key together with `listing`: what the query reads
 * (partition, filters, period), so a cursor works only for the listing that produced it.
 */
export async function encodeCursor(key: Record<string, unknown> | undefined, listing: string): Promise<string | undefined> {
  if (!key) return undefined;
  const { current } = await cursorKeys();
  const payload = Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
  return `${current.id}.${payload}.${signature(current, payload, listing)}`;
}

/**
 * Decodes a cursor back to an `ExclusiveStartKey`. Only a cursor this API signed for the same
 * `listing` with the current key or the one before it (a rotation does not break open listings),
 * holding exactly the string attributes `attributes`, is accepted; anything else (forged, from
 * another partner's or another filter's listing, truncated, signed with a retired key) is a 400
 * `invalid_cursor`, never a query DynamoDB would refuse.
 */
export async function decodeCursor(cursor: string | undefined, attributes: readonly string[], listing: string): Promise<Record<string, string> | undefined> {
  if (cursor === undefined) return undefined;
  const [keyId, payload, mac, ...rest] = cursor.split('.');
  if (!keyId || !payload || !mac || rest.length > 0) throw invalidCursor();
  const ring = await cursorKeys();
  const key = [ring.current, ring.previous].find((candidate) => candidate?.id === keyId);
  if (!key) throw invalidCursor();
  const expected = Buffer.from(signature(key, payload, listing));
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
export async function pageOfOneMore<T extends Record<string, unknown>>(
  found: readonly T[],
  limit: number,
  attributes: readonly string[],
  listing: string,
): Promise<{ shown: T[]; nextCursor?: string }> {
  const shown = found.slice(0, limit);
  const last = shown.at(-1);
  const nextCursor = found.length > limit && last ? await encodeCursor(Object.fromEntries(attributes.map((name) => [name, last[name]])), listing) : undefined;
  return { shown, ...(nextCursor && { nextCursor }) };
}

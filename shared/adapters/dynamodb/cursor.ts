import { ValidationError } from '../../domain/errors';

/** Encodes DynamoDB's `LastEvaluatedKey` as an opaque, URL-safe cursor. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

/**
 * Decodes a cursor back to an `ExclusiveStartKey`, accepting only string attributes named in
 * `allowedAttributes` (so a forged cursor cannot point a query elsewhere). Bad cursors are a 400.
 */
export function decodeCursor(cursor: string | undefined, allowedAttributes: readonly string[]): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = (): ValidationError => new ValidationError('Invalid cursor', [{ path: 'query.cursor', message: 'Not a cursor from a previous page' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed);
  if (entries.length === 0 || !entries.every(([name, value]) => allowedAttributes.includes(name) && typeof value === 'string')) {
    throw invalid();
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

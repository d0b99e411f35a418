import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { CURSOR_KEYS_MAX_AGE_MS, cursorKey, cursorKeys, forgetCursorKeys } from '../../../../../shared/adapters/aws/cursorKeys';
import { decodeCursor, encodeCursor, pageOfOneMore } from '../../../../../shared/adapters/dynamodb/cursor';
import { ValidationError } from '../../../../../shared/domain/errors';
import { applicationKey, fingerprintKey } from '../../../../../shared/adapters/dynamodb/applicationKeys';
import { partnerEmailKey, partnerKey } from '../../../../../shared/adapters/dynamodb/partnerKeys';

const LISTING = 'clients|clientsOf=ptn_own|';
const saved = { current: process.env.CURSOR_SIGNING_KEY, previous: process.env.CURSOR_SIGNING_KEY_PREVIOUS };

/** Signs with `current` (and accepts `previous`) from now on, as after a rotation reached this container. */
function useKeys(current: string | undefined, previous?: string): void {
  if (current === undefined) delete process.env.CURSOR_SIGNING_KEY;
  else process.env.CURSOR_SIGNING_KEY = current;
  if (previous === undefined) delete process.env.CURSOR_SIGNING_KEY_PREVIOUS;
  else process.env.CURSOR_SIGNING_KEY_PREVIOUS = previous;
  forgetCursorKeys();
}

beforeEach(() => useKeys('unit-test-signing-key'));
afterAll(() => useKeys(saved.current, saved.previous));

/** The code a refused cursor answers with. */
async function refusal(cursor: string, attributes: readonly string[] = ['pk', 'createdAt'], listing = LISTING): Promise<string | undefined> {
  try {
    await decodeCursor(cursor, attributes, listing);
  } catch (error) {
    if (error instanceof ValidationError) return error.code;
    throw error;
  }
  return undefined;
}

const unsigned = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
const genuine = async (): Promise<string> => (await encodeCursor({ pk: 'PARTNER#ptn_own', createdAt: '2026-12-01' }, LISTING)) ?? '';

describe('cursor', () => {
  it('round-trips a LastEvaluatedKey', async () => {
    await fc.assert(fc.asyncProperty(fc.string(), fc.string(), async (pk, createdAt) => {
      const key = { pk, createdAt };
      expect(await decodeCursor(await encodeCursor(key, LISTING), ['pk', 'createdAt'], LISTING)).toEqual(key);
    }));
  });

  it('has no cursor on the last page', async () => {
    expect(await encodeCursor(undefined, LISTING)).toBeUndefined();
    expect(await decodeCursor(undefined, ['pk'], LISTING)).toBeUndefined();
  });

  it('names the key that signed it, by an id that is not the key', async () => {
    const [keyId] = (await genuine()).split('.');
    expect(keyId).toBe(cursorKey('unit-test-signing-key').id);
    expect(keyId).not.toContain('unit-test');
  });

  it('refuses the crafted cursor of the review and any unsigned or re-signed one with invalid_cursor', async () => {
    const crafted = unsigned({ pk: 'PARTNER#ptn_own', clientsOf: 'ptn_own' });
    const [keyId, payload, mac] = (await genuine()).split('.');
    const bad = [
      crafted, `${crafted}.${mac}`, `${keyId}.${crafted}.${mac}`, `${keyId}.${unsigned({ pk: 'x', createdAt: 'y' })}.${mac}`,
      `${keyId}.${payload}.`, `${keyId}.${payload}.${mac}.x`, `${payload}.${mac}`, `other.${payload}.${mac}`, '%%%', '',
    ];
    for (const cursor of bad) expect(await refusal(cursor)).toBe('invalid_cursor');
  });

  it("refuses a cursor of another listing (another partner's, filter, search or period)", async () => {
    const cursor = await genuine();
    expect(await refusal(cursor, ['pk', 'createdAt'], 'clients|clientsOf=ptn_other|')).toBe('invalid_cursor');
    expect(await refusal(cursor, ['pk', 'createdAt'], `${LISTING}a`)).toBe('invalid_cursor');
    expect(await refusal(cursor)).toBeUndefined();
  });

  it('accepts only exactly the expected key set, of strings (signed or not)', async () => {
    for (const key of [{ pk: 'x' }, { pk: 'x', createdAt: 'y', other: 'z' }, { pk: 1, createdAt: 'y' }, {}, [], 'pk']) {
      expect(await refusal((await encodeCursor(key as Record<string, unknown>, LISTING)) ?? '')).toBe('invalid_cursor');
    }
  });

  it('keeps open listings working through a key rotation, and refuses cursors of a retired key after the next one', async () => {
    const signedBefore = await genuine();

    useKeys('rotated-key', 'unit-test-signing-key');
    const signedAfter = await genuine();

    expect(signedAfter.split('.')[0]).toBe(cursorKey('rotated-key').id);
    expect(await refusal(signedBefore)).toBeUndefined();
    expect(await refusal(signedAfter)).toBeUndefined();

    useKeys('rotated-again', 'rotated-key');
    expect(await refusal(signedBefore)).toBe('invalid_cursor');
    expect(await refusal(signedAfter)).toBeUndefined();
  });

  it('cannot sign or check without a key (a configuration error, not a 400)', async () => {
    useKeys(undefined);
    await expect(encodeCursor({ pk: 'x' }, LISTING)).rejects.toThrow(/nor CURSOR_SIGNING_KEY is set/);
  });

  it('every call site awaits the cursor functions (an unawaited decode would read from the first page)', () => {
    const root = path.join(__dirname, '../../../../../shared');
    const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith('.ts'));
    const unawaited = files.flatMap((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return readFileSync(file, 'utf8').split('\n')
        .filter((line) => !/^\s*(import|export|\*|\/\/)/.test(line) && /\b(decodeCursor|encodeCursor|pageOfOneMore)\(/.test(line))
        .filter((line) => [...line.matchAll(/\b(decodeCursor|encodeCursor|pageOfOneMore)\(/g)].some((call) => !line.slice(0, call.index).endsWith('await ')))
        .map((line) => `${path.relative(root, file)}: ${line.trim()}`);
    });
    expect(unawaited).toEqual([]);
  });
});

describe('cursorKeys', () => {
  it('reads the keys once per container for a while, then again (a rotation reaches every container)', async () => {
    const first = await cursorKeys(process.env, 0);
    useKeys('rotated-key');
    const cached = { current: cursorKey('unit-test-signing-key') };
    await cursorKeys({ CURSOR_SIGNING_KEY: 'unit-test-signing-key' }, 0);

    expect(first).toEqual(cached);
    expect(await cursorKeys({ CURSOR_SIGNING_KEY: 'rotated-key' }, CURSOR_KEYS_MAX_AGE_MS - 1)).toEqual(cached);
    expect(await cursorKeys({ CURSOR_SIGNING_KEY: 'rotated-key' }, CURSOR_KEYS_MAX_AGE_MS)).toEqual({ current: cursorKey('rotated-key') });
  });

  it('keeps serving the keys it has when a refresh fails', async () => {
    const first = await cursorKeys({ CURSOR_SIGNING_KEY: 'unit-test-signing-key' }, 0);

    expect(await cursorKeys({}, CURSOR_KEYS_MAX_AGE_MS)).toEqual(first);
  });
});

describe('pageOfOneMore', () => {
  const items = (count: number) => Array.from({ length: count }, (_, i) => ({ pk: 'p', sk: `s${i}`, other: i }));

  it('shows `limit` items and, when one more came back, a cursor to the last one shown (its attributes only)', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 31 }), async (limit, extra) => {
      const found = items(Math.min(limit + 1, extra));
      const page = await pageOfOneMore(found, limit, ['pk', 'sk'], LISTING);
      expect(page.shown).toEqual(found.slice(0, limit));
      if (found.length > limit) {
        expect(await decodeCursor(page.nextCursor, ['pk', 'sk'], LISTING)).toEqual({ pk: 'p', sk: `s${limit - 1}` });
      } else {
        expect(page.nextCursor).toBeUndefined();
      }
    }));
  });
});

describe('application and partner keys', () => {
  it('prefix each entity so they never collide in one table', () => {
    expect(applicationKey('app_1')).toEqual({ pk: 'APPLICATION#app_1' });
    expect(fingerprintKey('abc')).toEqual({ pk: 'FINGERPRINT#abc' });
    expect(partnerKey('ptn_1')).toEqual({ pk: 'PARTNER#ptn_1' });
  });

  it('binds partner logins to the lower-cased, trimmed e-mail', () => {
    expect(partnerEmailKey(' Ann@Example.COM ')).toEqual({ pk: 'EMAIL#ann@example.com' });
  });
});

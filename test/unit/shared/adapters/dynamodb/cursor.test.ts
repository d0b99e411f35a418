import fc from 'fast-check';
import { decodeCursor, encodeCursor, pageOfOneMore } from '../../../../../shared/adapters/dynamodb/cursor';
import { ValidationError } from '../../../../../shared/domain/errors';
import { applicationKey, fingerprintKey } from '../../../../../shared/adapters/dynamodb/applicationKeys';
import { partnerEmailKey, partnerKey } from '../../../../../shared/adapters/dynamodb/partnerKeys';

const LISTING = 'clients|clientsOf=ptn_own|';

beforeAll(() => {
  process.env.CURSOR_SIGNING_KEY = 'unit-test-signing-key';
});

/** The code a refused cursor answers with. */
function refusal(cursor: string, attributes: readonly string[] = ['pk', 'createdAt'], listing = LISTING): string | undefined {
  try {
    decodeCursor(cursor, attributes, listing);
  } catch (error) {
    if (error instanceof ValidationError) return error.code;
    throw error;
  }
  return undefined;
}

const unsigned = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('cursor', () => {
  it('round-trips a LastEvaluatedKey', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (pk, createdAt) => {
      const key = { pk, createdAt };
      expect(decodeCursor(encodeCursor(key, LISTING), ['pk', 'createdAt'], LISTING)).toEqual(key);
    }));
  });

  it('has no cursor on the last page', () => {
    expect(encodeCursor(undefined, LISTING)).toBeUndefined();
    expect(decodeCursor(undefined, ['pk'], LISTING)).toBeUndefined();
  });

  it('refuses the crafted cursor of the review and any unsigned or re-signed one with invalid_cursor', () => {
    const crafted = unsigned({ pk: 'PARTNER#ptn_own', clientsOf: 'ptn_own' });
    const genuine = encodeCursor({ pk: 'PARTNER#ptn_own', createdAt: '2026-12-01' }, LISTING) ?? '';
    const [payload, mac] = genuine.split('.');
    for (const bad of [crafted, `${crafted}.${mac}`, `${unsigned({ pk: 'x', createdAt: 'y' })}.${mac}`, `${payload}.`, `${payload}.${mac}.x`, '%%%', '']) {
      expect(refusal(bad)).toBe('invalid_cursor');
    }
  });

  it("refuses a cursor of another listing (another partner's, filter, search or period)", () => {
    const genuine = encodeCursor({ pk: 'PARTNER#ptn_own', createdAt: '2026-12-01' }, LISTING) ?? '';
    expect(refusal(genuine, ['pk', 'createdAt'], 'clients|clientsOf=ptn_other|')).toBe('invalid_cursor');
    expect(refusal(genuine, ['pk', 'createdAt'], `${LISTING}a`)).toBe('invalid_cursor');
    expect(refusal(genuine)).toBeUndefined();
  });

  it('accepts only exactly the expected key set, of strings (signed or not)', () => {
    for (const key of [{ pk: 'x' }, { pk: 'x', createdAt: 'y', other: 'z' }, { pk: 1, createdAt: 'y' }, {}, [], 'pk']) {
      expect(refusal(encodeCursor(key as Record<string, unknown>, LISTING) ?? '')).toBe('invalid_cursor');
    }
  });

  it('cannot sign or check without CURSOR_SIGNING_KEY (a configuration error, not a 400)', () => {
    const key = process.env.CURSOR_SIGNING_KEY;
    delete process.env.CURSOR_SIGNING_KEY;
    try {
      expect(() => encodeCursor({ pk: 'x' }, LISTING)).toThrow(/CURSOR_SIGNING_KEY is not set/);
    } finally {
      process.env.CURSOR_SIGNING_KEY = key;
    }
  });
});
describe('pageOfOneMore', () => {
  const items = (count: number) => Array.from({ length: count }, (_, i) => ({ pk: 'p', sk: `s${i}`, other: i }));

  it('shows `limit` items and, when one more came back, a cursor to the last one shown (its attributes only)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 31 }), (limit, extra) => {
      const found = items(Math.min(limit + 1, extra));
      const page = pageOfOneMore(found, limit, ['pk', 'sk'], LISTING);
      expect(page.shown).toEqual(found.slice(0, limit));
      if (found.length > limit) {
        expect(decodeCursor(page.nextCursor, ['pk', 'sk'], LISTING)).toEqual({ pk: 'p', sk: `s${limit - 1}` });
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

import fc from 'fast-check';
import { decodeCursor, encodeCursor } from '../../../../../shared/adapters/dynamodb/cursor';
import { ValidationError } from '../../../../../shared/domain/errors';
import { applicationKey, fingerprintKey } from '../../../../../shared/adapters/dynamodb/applicationKeys';
import { partnerEmailKey, partnerKey } from '../../../../../shared/adapters/dynamodb/partnerKeys';

describe('cursor', () => {
  it('round-trips a LastEvaluatedKey', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (pk, createdAt) => {
      const key = { pk, createdAt };
      expect(decodeCursor(encodeCursor(key), ['pk', 'createdAt'])).toEqual(key);
    }));
  });

  it('has no cursor on the last page', () => {
    expect(encodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor(undefined, ['pk'])).toBeUndefined();
  });

  it('refuses garbage and keys that point elsewhere', () => {
    const foreign = encodeCursor({ pk: 'x', other: 'y' });
    for (const bad of ['%%%', 'bm90IGpzb24', encodeCursor({ pk: 1 }) ?? '', foreign ?? '', encodeCursor({}) ?? '']) {
      expect(() => decodeCursor(bad, ['pk', 'createdAt'])).toThrow(ValidationError);
    }
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

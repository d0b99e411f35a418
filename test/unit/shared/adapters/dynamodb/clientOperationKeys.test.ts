import { followUpKey } from '../../../../../shared/adapters/dynamodb/clientFollowUpKeys';
import { confirmationKey, confirmationTimeToLive } from '../../../../../shared/adapters/dynamodb/confirmationKeys';

describe('confirmationKeys', () => {
  it('keys a confirmation by its token hash', () => {
    expect(confirmationKey('ab12')).toEqual({ pk: 'CONFIRMATION#ab12' });
  });

  it('keeps a confirmation a day past its expiry, in epoch seconds', () => {
    const expiresAt = new Date('2026-03-01T10:05:00.500Z');
    expect(confirmationTimeToLive(expiresAt)).toBe(Math.ceil(expiresAt.getTime() / 1000) + 24 * 60 * 60);
  });
});

describe('clientFollowUpKeys', () => {
  it('keys a follow-up by its id (the audit entry id of its change)', () => {
    expect(followUpKey('aud_1')).toEqual({ pk: 'FOLLOWUP#aud_1' });
  });
});

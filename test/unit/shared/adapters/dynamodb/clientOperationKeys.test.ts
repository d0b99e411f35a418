import { followUpGroupKey, followUpGroupRef, parseFollowUpGroupRef } from '../../../../../shared/adapters/dynamodb/clientFollowUpKeys';
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
  it('keys a group of follow-ups by the id of its first follow-up (the audit entry id of its change)', () => {
    expect(followUpGroupKey('aud_1')).toEqual({ pk: 'FOLLOWUPS#aud_1' });
  });

  it('refers to a follow-up\'s group with the group\'s size, and reads the reference back', () => {
    const storedIn = followUpGroupRef({ groupId: 'aud_1', size: 49 });

    expect(storedIn).toBe('aud_1/49');
    expect(parseFollowUpGroupRef(storedIn)).toEqual({ groupId: 'aud_1', size: 49 });
  });

  it.each(['aud_1', '/3', 'aud_1/0', 'aud_1/x', 'aud_1/2.5'])('refuses %p as a group reference', (storedIn) => {
    expect(() => parseFollowUpGroupRef(storedIn)).toThrow('not a follow-up group reference');
  });
});

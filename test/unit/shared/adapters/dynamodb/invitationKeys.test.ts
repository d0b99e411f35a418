import { invitationKey, invitationTokenKey } from '../../../../../shared/adapters/dynamodb/invitationKeys';

describe('invitationKeys', () => {
  it('keeps invitations and token entries apart', () => {
    expect(invitationKey('inv_1')).toEqual({ pk: 'INVITATION#inv_1' });
    expect(invitationTokenKey('ab12')).toEqual({ pk: 'TOKEN#ab12' });
  });
});

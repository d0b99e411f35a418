import { rateLimitKey } from '../../../../../shared/adapters/dynamodb/rateLimitKeys';

describe('rateLimitKeys', () => {
  it('keys a counter by its key and window', () => {
    expect(rateLimitKey('partner:ptn_1', new Date('2026-03-01T10:00:00Z'))).toEqual({ pk: 'partner:ptn_1#2026-03-01T10:00:00.000Z' });
  });
});

import { isCloudAccountId } from '../../../../../shared/domain/clients/cloudAccountId';

describe('isCloudAccountId', () => {
  it('accepts acc- followed by 20 lower-case letters or digits', () => {
    expect(isCloudAccountId('acc-7f3k9q2m4x8b1n5c6v0z')).toBe(true);
    expect(isCloudAccountId('acc-00000000000000000000')).toBe(true);
  });

  it.each([
    ['too short', 'acc-7f3k9q2m4x8b1n5c6v0'],
    ['too long', 'acc-7f3k9q2m4x8b1n5c6v0zz'],
    ['upper case', 'acc-7F3K9Q2M4X8B1N5C6V0Z'],
    ['other prefix', 'acx-7f3k9q2m4x8b1n5c6v0z'],
    ['punctuation', 'acc-7f3k9q2m4x8b1n5c6v0_'],
    ['surrounding space', ' acc-7f3k9q2m4x8b1n5c6v0z'],
  ])('rejects an id that is %s', (_, id) => {
    expect(isCloudAccountId(id)).toBe(false);
  });
});

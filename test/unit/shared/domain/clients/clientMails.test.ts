import { FixedClock } from '../../../../../shared/domain/Clock';
import { invitationExpiredMail, invitationLink, invitationMail } from '../../../../../shared/domain/clients/clientMails';
import { closeInvitation, inviteNewClient } from '../../../../../shared/domain/clients/invitationChanges';

const clock = new FixedClock('2026-03-01T10:00:00Z');
const partner = { kind: 'partner', id: 'usr_1' } as const;
const change = inviteNewClient('ptn_1', 'cli_1', { accountId: 'acc-7f3k9q2m4x8b1n5c6v0z', email: 'ivan@example.com', name: 'Ivan' }, {
  id: 'inv_1', tokenHash: 'h', partnerName: 'Volkova IT',
}, { at: clock.now(), actor: partner, auditId: 'aud_1' });

describe('invitationLink', () => {
  it('appends the token to the public base URL', () => {
    expect(invitationLink('https://partners.example.com/', 'tok')).toBe('https://partners.example.com/invitations/tok');
  });
});

describe('invitationMail', () => {
  it('goes to the client and names the partner, the account, the link and its expiry', () => {
    const mail = invitationMail(change.after, 'Volkova IT', 'https://x.example/invitations/tok');
    expect(mail.to).toBe('ivan@example.com');
    expect(mail.subject).toBe('Volkova IT invites you to their partner account');
    expect(mail.text).toContain('Hello Ivan,');
    expect(mail.text).toContain('acc-7f3k9q2m4x8b1n5c6v0z');
    expect(mail.text).toContain('https://x.example/invitations/tok');
    expect(mail.text).toContain('until 2026-03-08 13:00 Moscow time (UTC+03:00).');
  });
});

describe('invitationExpiredMail', () => {
  it('tells the partner which invitation expired and that the client may be invited again', () => {
    const expired = closeInvitation(change.after, change.invitation!.after, 'expire', { at: clock.now(), actor: partner, auditId: 'aud_2' });
    const mail = invitationExpiredMail('partner@example.com', expired.after, expired.invitation!.after);
    expect(mail.to).toBe('partner@example.com');
    expect(mail.text).toContain('ivan@example.com');
    expect(mail.text).toContain('cli_1');
    expect(mail.text).toContain('expired on 2026-03-08 13:00 Moscow time (UTC+03:00)');
    expect(mail.text).toContain('invite the client again');
  });
});

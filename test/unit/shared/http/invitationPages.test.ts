import { invitationPage } from '../../../../shared/http/invitationPages';

const view = {
  partnerName: 'Evil <script>alert(1)</script> & Co',
  accountId: 'acc-7f3k9q2m4x8b1n5c6v0z',
  status: 'pending' as const,
  expiresAt: new Date('2026-03-08T10:00:00Z'),
};
const consoleLink = 'https://console.example.test/invitations/AAAA';

describe('invitationPage', () => {
  it('escapes the partner name', () => {
    const html = invitationPage(view, consoleLink);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
  });

  it('sends the owner to the cloud console to answer while the invitation is open, with no form that answers without signing in', () => {
    const html = invitationPage(view, consoleLink);
    expect(html).toContain(`href="${consoleLink}"`);
    expect(html).not.toContain('<form');
    expect(html).toContain('2026-03-08 13:00 Moscow time');
  });

  it('names no account for an invitation sent without one', () => {
    const html = invitationPage({ ...view, accountId: undefined }, consoleLink);
    expect(html).toContain('or a new one, if you have none yet');
  });

  it('offers nothing to do once the invitation is closed, and says what happened', () => {
    const html = invitationPage({ ...view, status: 'expired' }, consoleLink);
    expect(html).not.toContain(consoleLink);
    expect(html).toContain('This invitation is expired.');
  });
});

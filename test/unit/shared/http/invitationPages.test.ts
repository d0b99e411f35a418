import { answeredPage, invitationPage } from '../../../../shared/http/invitationPages';

const view = {
  partnerName: 'Evil <script>alert(1)</script> & Co',
  accountId: 'acc-7f3k9q2m4x8b1n5c6v0z',
  status: 'pending' as const,
  expiresAt: new Date('2026-03-08T10:00:00Z'),
};
const token = 'A'.repeat(43);

describe('invitationPage', () => {
  it('escapes the partner name', () => {
    const html = invitationPage(view, token);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
  });

  it('offers accept and decline while the invitation is open, posting next to the page', () => {
    const html = invitationPage(view, token);
    expect(html).toContain(`action="${token}/accept"`);
    expect(html).toContain(`action="${token}/decline"`);
    expect(html).toContain('2026-03-08T10:00:00.000Z');
  });

  it('offers no buttons once the invitation is closed, and says what happened', () => {
    const html = invitationPage({ ...view, status: 'expired' }, token);
    expect(html).not.toContain('<form');
    expect(html).toContain('This invitation is expired.');
  });
});

describe('answeredPage', () => {
  it('confirms acceptance and declining differently', () => {
    expect(answeredPage({ ...view, status: 'accepted' })).toContain('is now a client of');
    expect(answeredPage({ ...view, status: 'declined' })).toContain('Invitation declined');
  });
});

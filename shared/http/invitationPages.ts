import type { InvitationView } from '../domain/clients/answerInvitation';
import { ACCEPTING_MEANS } from '../domain/clients/clientMails';
import { escapeHtml, htmlDocument } from './htmlPages';

/** The page behind an invitation link: who invites, what accepting means, and the two buttons while it is open. */
export function invitationPage(view: InvitationView, token: string): string {
  const partner = escapeHtml(view.partnerName);
  const open = view.status === 'pending';
  const body =
    `<h1>${partner} invites you</h1>` +
    `<p>${partner} would like your cloud account <strong>${escapeHtml(view.accountId)}</strong> to become their client in the partner program.</p>` +
    `<p>${escapeHtml(ACCEPTING_MEANS)}</p>` +
    (open
      ? `<p class="muted">This link works once and until ${escapeHtml(view.expiresAt.toISOString())} (UTC).</p>` +
        // Relative actions keep any stage prefix of the API URL; the token is the last path segment of this page.
        `<form method="post" action="${escapeHtml(token)}/accept" style="display:inline"><button type="submit">Accept</button></form>` +
        `<form method="post" action="${escapeHtml(token)}/decline" style="display:inline"><button type="submit">Decline</button></form>`
      : `<p><strong>This invitation is ${escapeHtml(view.status)}.</strong> ` +
        (view.status === 'expired' ? 'Ask the partner to send a new one.' : 'There is nothing more to do.') + '</p>');
  return htmlDocument(`Invitation from ${view.partnerName}`, body);
}

/** The page after answering. */
export function answeredPage(view: InvitationView): string {
  const partner = escapeHtml(view.partnerName);
  const body = view.status === 'accepted'
    ? `<h1>Welcome aboard</h1><p>Your cloud account ${escapeHtml(view.accountId)} is now a client of ${partner}.</p>`
    : `<h1>Invitation declined</h1><p>${partner} will not be connected to your cloud account ${escapeHtml(view.accountId)}.</p>`;
  return htmlDocument('Invitation', body);
}

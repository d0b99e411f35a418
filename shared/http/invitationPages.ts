import type { InvitationView } from '../domain/clients/answerInvitation';
import { ACCEPTING_MEANS } from '../domain/clients/clientMails';
import { toMoscowText } from '../domain/moscowTime';
import { escapeHtml, htmlDocument } from './htmlPages';

/**
 * The page behind an invitation link opened on the API itself: who invites and what accepting
 * means. Answering needs the account owner signed in to the cloud console, so while the
 * invitation is open the page sends the person to the console's invitation screen.
 */
export function invitationPage(view: InvitationView, consoleLink: string): string {
  const partner = escapeHtml(view.partnerName);
  const account = view.accountId
    ? `your cloud account <strong>${escapeHtml(view.accountId)}</strong>`
    : 'your cloud account (or a new one, if you have none yet)';
  const body =
    `<h1>${partner} invites you</h1>` +
    `<p>${partner} would like ${account} to become their client in the partner program.</p>` +
    `<p>${escapeHtml(ACCEPTING_MEANS)}</p>` +
    (view.status === 'pending'
      ? `<p class="muted">The link works until ${escapeHtml(toMoscowText(view.expiresAt))}.</p>` +
        `<p>Only the owner of the cloud account can answer: <a href="${escapeHtml(consoleLink)}">sign in to the cloud console to accept or decline</a>.</p>`
      : `<p><strong>This invitation is ${escapeHtml(view.status)}.</strong> ` +
        (view.status === 'expired' ? 'Ask the partner to send a new one.' : 'There is nothing more to do.') + '</p>');
  return htmlDocument(`Invitation from ${view.partnerName}`, body);
}

import type { Mailer } from '../../ports/Mailer';
import type { PartnerRepository } from '../../ports/PartnerRepository';
import type { WebhookStore } from '../../ports/WebhookStore';
import type { MailSettings } from '../mails/MailSettings';
import { endpointDisabledMail } from './endpointDisabledMail';

/** What telling a partner of a disabled endpoint needs. */
export interface DisabledNoticeDeps {
  readonly store: Pick<WebhookStore, 'endpoint' | 'attempts'>;
  readonly partners: Pick<PartnerRepository, 'get'>;
  readonly mailer: Mailer;
  /** The console's origin, which the mail links to. */
  readonly consoleUrl: string;
  readonly mail: MailSettings;
}

/**
 * Mails the partner (its e-mail, its language) that one of its endpoints was disabled after 24 hours
 * of failures: the URL, since when it failed, the last answer, how to enable it again. Called once,
 * by the delivery that disabled the endpoint (`WebhookStore.disable` lets one caller win); nothing
 * when the endpoint or the partner is gone meanwhile.
 */
export async function tellEndpointDisabled(deps: DisabledNoticeDeps, partnerId: string, endpointId: string): Promise<void> {
  const [endpoint, partner, attempts] = await Promise.all([
    deps.store.endpoint(partnerId, endpointId), deps.partners.get(partnerId), deps.store.attempts(partnerId, endpointId),
  ]);
  if (!endpoint || !partner) return;
  const failingSince = endpoint.failingSince ?? attempts.at(-1)?.at ?? endpoint.createdAt;
  await deps.mailer.send(endpointDisabledMail(partner, { ...endpoint, failingSince }, attempts[0], deps.consoleUrl, deps.mail));
}

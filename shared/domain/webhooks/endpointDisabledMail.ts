import type { Mail } from '../../ports/Mailer';
import type { Language } from '../Language';
import { consoleAddress, facts, type MailContent, type MailTemplate, words } from '../mails/mailContent';
import type { MailSettings } from '../mails/MailSettings';
import { renderMail } from '../mails/renderMail';
import { moscowTimeWords } from '../moscowTime';
import type { DeliveryAttempt } from './WebhookEndpoint';

/** What the mail about an endpoint disabled after 24 hours of failures inserts. */
export interface EndpointDisabledValues {
  readonly url: string;
  readonly endpointId: string;
  /** Since when every delivery failed, in the mail's language. */
  readonly failingSince: string;
  /** The last attempt's answer in the mail's language: `HTTP 500`, or why there was none. */
  readonly lastResponse: string;
  /** The webhooks screen of the console, where the endpoint is enabled again. */
  readonly link: string;
}

/** The mail in one language: what happened, the endpoint's facts, how to enable it again. */
function disabledNotice(language: Language): (values: EndpointDisabledValues) => MailContent {
  const ru = language === 'ru';
  return (values) => ({
    subject: ru ? 'Вебхук отключён: доставки не проходят 24 часа' : 'Webhook endpoint disabled after 24 hours of failed deliveries',
    blocks: [
      { p: [ru ? 'Здравствуйте!' : 'Hello,'] },
      {
        p: ru
          ? words`Все доставки на адрес ${values.url} не проходили с ${values.failingSince}, поэтому мы его отключили: новые события на него не отправляются.`
          : words`Every delivery to ${values.url} has failed since ${values.failingSince}, so we disabled it: no new events are sent to it.`,
      },
      facts(
        [ru ? 'Адрес' : 'URL', values.url],
        [ru ? 'ID вебхука' : 'Endpoint id', values.endpointId],
        [ru ? 'Ошибки с' : 'Failing since', values.failingSince],
        [ru ? 'Последний ответ' : 'Last response', values.lastResponse],
      ),
      {
        p: [ru
          ? 'Когда приёмник снова отвечает кодом 2xx, включите вебхук в консоли («Включить»); пропущенные доставки можно повторить из журнала доставок.'
          : 'Once the receiver answers 2xx again, enable the endpoint in the console (Enable); deliveries missed meanwhile can be replayed from its delivery log.'],
      },
      { action: ru ? 'Открыть вебхуки' : 'Open your webhooks', href: values.link },
    ],
  });
}

/** Tells the partner that one of its webhook endpoints was disabled after 24 hours of failures, and how to enable it again. */
export const endpointDisabledMailTemplate: MailTemplate<EndpointDisabledValues> = { ru: disabledNotice('ru'), en: disabledNotice('en') };

/** Why an attempt had no answer, in each language. */
const NO_ANSWER: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  en: { address_refused: 'no answer (address refused)', timeout: 'no answer within 10 s', connection_failed: 'no answer (connection failed)' },
  ru: { address_refused: 'нет ответа (адрес запрещён)', timeout: 'нет ответа за 10 с', connection_failed: 'нет ответа (соединение не установлено)' },
};

/** The last attempt's answer as the mail says it. */
export function lastResponseWords(attempt: Pick<DeliveryAttempt, 'responseStatus' | 'error'> | undefined, language: Language): string {
  if (attempt?.responseStatus !== null && attempt?.responseStatus !== undefined) return `HTTP ${attempt.responseStatus}`;
  return NO_ANSWER[language][attempt?.error ?? 'connection_failed'] ?? NO_ANSWER[language].connection_failed ?? '';
}

/** The mail to the partner (its e-mail, in its language) about one of its endpoints disabled after 24 hours of failures. */
export function endpointDisabledMail(
  partner: { readonly email: string; readonly language: Language },
  endpoint: { readonly endpointId: string; readonly url: string; readonly failingSince: Date },
  lastAttempt: Pick<DeliveryAttempt, 'responseStatus' | 'error'> | undefined,
  consoleUrl: string,
  settings: MailSettings,
): Mail {
  const { language } = partner;
  const values: EndpointDisabledValues = {
    url: endpoint.url,
    endpointId: endpoint.endpointId,
    failingSince: moscowTimeWords(endpoint.failingSince, language),
    lastResponse: lastResponseWords(lastAttempt, language),
    link: consoleAddress(consoleUrl, language, '/webhooks'),
  };
  return renderMail(partner.email, language, endpointDisabledMailTemplate[language](values, settings), settings);
}

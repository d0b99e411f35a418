import type { Mail } from '../../ports/Mailer';
import type { Language } from '../Language';
import { facts, type MailContent, type MailTemplate, words, type Words } from '../mails/mailContent';
import type { MailSettings } from '../mails/MailSettings';
import { renderMail } from '../mails/renderMail';
import type { Money } from '../Money';
import type { SpendAlert } from './SpendAlert';

/** An amount as a partner reads it in a mail of its language: `1 234.50 RUB`, `1 234,50 RUB`; `—` when absent. */
export function amountWords(value: Money | undefined, language: Language): string {
  if (!value) return '—';
  const sign = value.amount < 0 ? '−' : '';
  const units = Math.abs(value.amount);
  const whole = Math.floor(units / 100).toLocaleString('en').replaceAll(',', '\u00a0');
  return `${sign}${whole}${language === 'ru' ? ',' : '.'}${String(units % 100).padStart(2, '0')}\u00a0${value.currency}`;
}

/** The one sentence an alert says (subject and first line), in each language: our words, with the ids and amounts marked as values. */
const SENTENCES: Readonly<Record<Language, (alert: SpendAlert) => Words>> = {
  en: (alert) => {
    const { facts: f } = alert;
    const amount = (value: Money | undefined) => amountWords(value, 'en');
    switch (alert.kind) {
      case 'threshold':
        return [
          ...words`Client ${alert.clientId}: `, f.threshold?.basis === 'forecast' ? 'forecast month-end spend' : 'spend this month',
          ...words` reached ${`${f.threshold?.percent} %`} of its budget of ${amount(f.budget)}`,
        ];
      case 'budget_block':
        return words`Client ${alert.clientId} reached its budget of ${amount(f.budget)}: its console sign-in is blocked`;
      case 'anomaly':
        return words`Client ${alert.clientId} spent ${amount(f.daySpend)} on ${f.day ?? ''}, over 3× its usual day (${amount(f.median)})`;
      case 'low_balance':
        return words`The balance of client ${alert.clientId} is below zero: ${amount(f.balance)}`;
    }
  },
  ru: (alert) => {
    const { facts: f } = alert;
    const amount = (value: Money | undefined) => amountWords(value, 'ru');
    switch (alert.kind) {
      case 'threshold':
        return [
          ...words`Клиент ${alert.clientId}: `, f.threshold?.basis === 'forecast' ? 'прогноз расходов на конец месяца' : 'расходы в этом месяце',
          ...words` достигли ${`${f.threshold?.percent} %`} бюджета ${amount(f.budget)}`,
        ];
      case 'budget_block':
        return words`Клиент ${alert.clientId} исчерпал бюджет ${amount(f.budget)}: вход в консоль заблокирован`;
      case 'anomaly':
        return words`Клиент ${alert.clientId} потратил ${amount(f.daySpend)} за ${f.day ?? ''} — больше чем втрое против обычного дня (${amount(f.median)})`;
      case 'low_balance':
        return words`Баланс клиента ${alert.clientId} ниже нуля: ${amount(f.balance)}`;
    }
  },
};

/** The alert's sentence in a language (mail subject, console and tests). */
export function alertSentence(alert: SpendAlert, language: Language = 'en'): string {
  return SENTENCES[language](alert).map((part) => (typeof part === 'string' ? part : part.value)).join('');
}

/** A spend alert mail in each language: the sentence, the month's figures, what a block means, where the alert is. */
export const spendAlertMails: MailTemplate<SpendAlert> = {
  en: (alert) => alertContent(alert, 'en', {
    hello: 'Hello,', spend: `Spend in ${alert.month}`, forecast: 'Forecast for the month (linear, from the days so far)',
    block: 'Its resources keep running; you may unblock the client in the partner console.',
    where: 'The alert is in your partner console under Notifications.',
  }),
  ru: (alert) => alertContent(alert, 'ru', {
    hello: 'Здравствуйте!', spend: `Расходы за ${alert.month}`, forecast: 'Прогноз на месяц (линейный, по прошедшим дням)',
    block: 'Ресурсы клиента продолжают работать; разблокировать клиента можно в консоли партнёра.',
    where: 'Уведомление есть в консоли партнёра в разделе «Уведомления».',
  }),
};

function alertContent(
  alert: SpendAlert,
  language: Language,
  labels: { hello: string; spend: string; forecast: string; block: string; where: string },
): MailContent {
  return {
    subject: alertSentence(alert, language),
    blocks: [
      { p: [labels.hello] },
      { p: [...SENTENCES[language](alert), '.'] },
      facts(
        [labels.spend, alert.facts.spend && amountWords(alert.facts.spend, language)],
        [labels.forecast, alert.facts.forecast && amountWords(alert.facts.forecast, language)],
      ),
      ...(alert.kind === 'budget_block' ? [{ p: [labels.block] }] : []),
      { small: [labels.where] },
    ],
  };
}

/** The alert mail to one address, in the partner's language, with a text and an HTML part. */
export function spendAlertMail(to: string, alert: SpendAlert, language: Language, settings: MailSettings): Mail {
  return renderMail(to, language, spendAlertMails[language](alert, settings), settings);
}

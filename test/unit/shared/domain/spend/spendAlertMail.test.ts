import { DEFAULT_MAIL_SETTINGS } from '../../../../../shared/domain/mails/MailSettings';
import { money } from '../../../../../shared/domain/Money';
import type { SpendAlert } from '../../../../../shared/domain/spend/SpendAlert';
import { amountWords, spendAlertMail } from '../../../../../shared/domain/spend/spendAlertMail';

const threshold = {
  partnerId: 'ptn_1', clientId: 'cli_1', month: '2026-12', kind: 'threshold', key: 'threshold:actual:80',
  facts: { threshold: { percent: 80, basis: 'actual' }, budget: money(10_000_000, 'RUB'), spend: money(8_000_050, 'RUB') },
} as unknown as SpendAlert;

describe('spendAlertMail', () => {
  it('says the alert in the partner language, in a text and an HTML part', () => {
    const ru = spendAlertMail('owner@partner.example', threshold, 'ru', DEFAULT_MAIL_SETTINGS);
    const en = spendAlertMail('owner@partner.example', threshold, 'en', DEFAULT_MAIL_SETTINGS);

    expect(ru.subject).toBe('Клиент cli_1: расходы в этом месяце достигли 80 % бюджета 100\u00a0000,00\u00a0RUB');
    expect(en.subject).toBe('Client cli_1: spend this month reached 80 % of its budget of 100\u00a0000.00\u00a0RUB');
    for (const mail of [ru, en]) {
      expect(mail.text).toContain('cli_1');
      expect(mail.html).toContain('cli_1');
      expect(mail.html).not.toMatch(/<script|src=/i);
    }
    // Only the values stand out in HTML (the client, the percentage, the amount), not the whole sentence.
    expect(en.html).toContain('Client <strong>cli_1</strong>: spend this month reached <strong>80 %</strong> of its budget of <strong>100\u00a0000.00\u00a0RUB</strong>.');
    expect(ru.html).toContain('Клиент <strong>cli_1</strong>: расходы в этом месяце достигли <strong>80 %</strong> бюджета');
    expect(ru.text).toContain('80\u00a0000,50\u00a0RUB');
    expect(en.text).toContain('80\u00a0000.50\u00a0RUB');
  });

  it('writes negative amounts with a minus and kopecks exactly', () => {
    expect(amountWords(money(-4_085_660, 'RUB'), 'ru')).toBe('−40\u00a0856,60\u00a0RUB');
    expect(amountWords(money(5, 'RUB'), 'en')).toBe('0.05\u00a0RUB');
    expect(amountWords(undefined, 'en')).toBe('—');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeProblem, problemWords } from '../../../web/src/api/errorMessages';
import { CATALOGUES } from '../../../web/src/i18n/catalogue';
import { en } from '../../../web/src/i18n/en';
import { languageFor } from '../../../web/src/i18n/language';
import { ru } from '../../../web/src/i18n/ru';
import { WEBHOOK_CATALOGUES } from '../../../web/src/i18n/webhooks/catalogue';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT } from '../../../shared/domain/webhooks/WebhookEvent';

/** Every `error.code` the OpenAPI document lists in an error answer. */
function documentedErrorCodes(): string[] {
  const document = JSON.parse(readFileSync(join(__dirname, '../../../shared/http/openapi.generated.json'), 'utf8')) as unknown;
  const codes = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const error = (record.properties as Record<string, { properties?: { code?: { enum?: unknown[] } } }> | undefined)?.error;
    for (const code of error?.properties?.code?.enum ?? []) if (typeof code === 'string') codes.add(code);
    Object.values(record).forEach(walk);
  };
  walk(document);
  return [...codes].sort();
}

/** Paths of every entry of a catalogue, with the kind of entry (text or sentence with parameters). */
function shape(node: unknown, path = ''): string[] {
  if (typeof node === 'function') return [`${path}:function/${node.length}`];
  if (typeof node === 'string') return [`${path}:string`];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => shape(value, `${path}.${key}`)).sort();
}

describe('the console catalogues', () => {
  it('have words in Russian and English for every error code of the OpenAPI document', () => {
    const codes = documentedErrorCodes();
    expect(codes.length).toBeGreaterThan(25);
    for (const catalogue of Object.values(CATALOGUES)) {
      const missing = codes.filter((code) => typeof (catalogue.errors as Record<string, unknown>)[code] !== 'string');
      expect({ locale: catalogue.locale, missing }).toEqual({ locale: catalogue.locale, missing: [] });
    }
  });

  it('have the same entries with the same parameters in both languages', () => {
    expect(shape(ru)).toEqual(shape(en));
  });

  it("have the Webhooks screen's words (loaded with the screen) with the same entries in both languages, naming every event type", () => {
    expect(shape(WEBHOOK_CATALOGUES.ru)).toEqual(shape(WEBHOOK_CATALOGUES.en));
    for (const words of Object.values(WEBHOOK_CATALOGUES)) {
      expect(Object.keys(words.eventWords).sort()).toEqual([...WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT].sort());
    }
  });

  it('puts a code into words in the page language, and a code it does not know into a sentence with the status', () => {
    const problem = describeProblem(409, { error: { code: 'client_exists', message: 'Client exists', details: {} } }, null);
    expect(problemWords(problem, ru)).toBe('У вас уже есть клиент с этим аккаунтом облака.');
    expect(problemWords(problem, en)).toBe('You already have a client with this cloud account.');
    const unknown = describeProblem(422, { error: { code: 'brand_new', message: 'Something new in English', details: {} } }, null);
    expect(problemWords(unknown, ru)).toBe('Сервис ответил ошибкой (422). Попробуйте снова.');
  });

  it('counts in Russian with its three plural forms', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 101, 111].map(ru.common.exported)).toEqual([
      '1 строка', '2 строки', '5 строк', '11 строк', '21 строка', '22 строки', '25 строк', '101 строка', '111 строк',
    ].map((rows) => `Выгружено в таблицу: ${rows}.`));
    expect([1, 2].map(en.common.exported)).toEqual(['Exported 1 row as CSV.', 'Exported 2 rows as CSV.']);
    expect(ru.operation.confirm.block(1)).toBe('Подтвердить: заблокировать 1 клиента');
    expect(ru.operation.confirm.block(5)).toBe('Подтвердить: заблокировать 5 клиентов');
  });

  it('uses the cloud\'s own Russian words for the brief\'s terms', () => {
    expect([ru.shell.nav.clients, ru.addClient.submit, ru.clients.columns.balance, ru.client.tab.detail, ru.client.tab.expenses,
      ru.operation.title.block, ru.operation.title.unblock, ru.operation.title.delete]).toEqual([
      'Клиенты', 'Добавить', 'Баланс', 'Детализация', 'Расходы на сервисы', 'Заблокировать', 'Разблокировать', 'Удалить',
    ]);
    expect(ru.operation.confirm.delete(2)).toMatch(/^Подтвердить/);
  });
});

describe('languageFor', () => {
  it('opens Russian for readers of Russian, Ukrainian, Belarusian and Kazakh, English otherwise', () => {
    expect(languageFor(['ru-RU'])).toBe('ru');
    expect(languageFor(['uk-UA', 'en'])).toBe('ru');
    expect(languageFor(['be'])).toBe('ru');
    expect(languageFor(['kk-KZ'])).toBe('ru');
    expect(languageFor(['de-DE', 'ru'])).toBe('ru');
    expect(languageFor(['en-US', 'ru'])).toBe('en');
    expect(languageFor(['fr-FR'])).toBe('en');
    expect(languageFor([])).toBe('en');
  });
});

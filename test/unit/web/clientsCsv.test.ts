import type { ClientItem } from '../../../web/src/api/types';
import { clientsCsv } from '../../../web/src/screens/Clients/clientsCsv';
import { csvCell, toCsv } from '../../../web/src/ui/csv';

const client: ClientItem = {
  id: 'cli_1', accountId: 'acc-1', email: 'ivan@example.com', name: 'Ivan "Vanya" Petrov, CEO; Moscow', status: 'active',
  createdAt: '2026-11-30T21:05:00.000Z', updatedAt: '2026-11-30T21:05:00.000Z',
  invitation: { id: 'inv_1', status: 'accepted', expiresAt: '2026-12-07T21:05:00.000Z', mail: 'sent' },
  balance: { amount: -4_085_660, currency: 'RUB' },
};

describe('clientsCsv', () => {
  it('writes Russian with a BOM, ";" between cells, Russian headers and words, amounts with a decimal comma', () => {
    expect(clientsCsv([client], 'ru')).toBe(
      '\uFEFFИдентификатор;Имя;Электронная почта;Телефон;Аккаунт облака;Статус;Приглашение;Баланс;Валюта;Добавлен (по Москве)\r\n'
      + 'cli_1;"Ivan ""Vanya"" Petrov, CEO; Moscow";ivan@example.com;;acc-1;Активен;Принято;-40856,60;RUB;01.12.2026, 00:05\r\n',
    );
  });

  it('writes English with a BOM, "," between cells and a decimal point', () => {
    expect(clientsCsv([client], 'en')).toBe(
      '\uFEFFId,Name,E-mail,Phone,Cloud account,Status,Invitation,Balance,Currency,Created (Moscow time)\r\n'
      + 'cli_1,"Ivan ""Vanya"" Petrov, CEO; Moscow",ivan@example.com,,acc-1,Active,Accepted,-40856.60,RUB,"01/12/2026, 00:05"\r\n',
    );
  });
});

describe('csvCell', () => {
  it('neutralises text a spreadsheet would run as a formula, and keeps negative numbers in both formats', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+7 495')).toBe("'+7 495");
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('-12,50', ';')).toBe('-12,50');
    expect(csvCell('-12,50', ',')).toBe('"-12,50"');
    expect(toCsv(['a'], [['-12,50']], 'ru')).toBe('\uFEFFa\r\n-12,50\r\n');
  });
});

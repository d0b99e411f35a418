import type { ClientItem } from '../../../web/src/api/types';
import { clientsCsv, csvCell } from '../../../web/src/screens/Clients/clientsCsv';

const client: ClientItem = {
  id: 'cli_1', accountId: 'acc-1', email: 'ivan@example.com', name: 'Ivan "Vanya" Petrov, CEO', status: 'active',
  createdAt: '2026-11-30T21:05:00.000Z', updatedAt: '2026-11-30T21:05:00.000Z',
  invitation: { id: 'inv_1', status: 'accepted', expiresAt: '2026-12-07T21:05:00.000Z', mail: 'sent' },
  balance: { amount: -1250, currency: 'RUB' },
};

describe('clientsCsv', () => {
  it('writes a header and one CRLF line per client, quoting commas and quotes, times in Moscow', () => {
    expect(clientsCsv([client])).toBe(
      'id,name,email,phone,accountId,status,invitation,balance,currency,created (Moscow)\r\n'
      + 'cli_1,"Ivan ""Vanya"" Petrov, CEO",ivan@example.com,,acc-1,active,accepted,-12.50,RUB,2026-12-01 00:05\r\n',
    );
  });

  it('neutralises text a spreadsheet would run as a formula, and keeps negative numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+7 495')).toBe("'+7 495");
    expect(csvCell('-12.50')).toBe('-12.50');
  });
});

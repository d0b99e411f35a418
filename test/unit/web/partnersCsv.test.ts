import type { PartnerItem } from '../../../web/src/api/types';
import { partnersCsv } from '../../../web/src/screens/Partners/partnersCsv';

const partner: PartnerItem = {
  id: 'ptn_1', company: '=Lee; "IT"', email: 'ann@lee-it.example', state: 'suspended', since: '2026-11-30T21:05:00.000Z',
  createdAt: '2026-11-01T09:00:00.000Z', clients: 12, activeClients: 9,
};

describe('partnersCsv', () => {
  it('writes Russian with a BOM like the clients export, ";" between cells, the state in words, a formula neutralised', () => {
    expect(partnersCsv([partner], 'ru')).toBe(
      '\uFEFFКомпания;Почта;Состояние;С (по Москве);Клиенты;Активные клиенты\r\n'
      + '"\'=Lee; ""IT""";ann@lee-it.example;Приостановлен;01.12.2026, 00:05;12;9\r\n',
    );
  });

  it('writes English with a BOM and "," between cells', () => {
    expect(partnersCsv([partner], 'en')).toBe(
      '\uFEFFCompany,E-mail,State,Since (Moscow time),Clients,Active clients\r\n'
      + '"\'=Lee; ""IT""",ann@lee-it.example,Suspended,"01/12/2026, 00:05",12,9\r\n',
    );
  });
});

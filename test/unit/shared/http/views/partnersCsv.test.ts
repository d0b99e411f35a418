import { toPartnersCsv } from '../../../../../shared/http/views/partners';

const row = { id: 'ptn_1', company: 'Lee IT', email: 'ann@lee.example', state: 'active' as const, since: '2026-12-02T08:00:00.000Z', createdAt: '2026-12-02T08:00:00.000Z', clients: 3, activeClients: 2 };

describe('toPartnersCsv', () => {
  it('writes a header and one CRLF row per partner', () => {
    expect(toPartnersCsv([row])).toBe(
      'id,company,email,state,since,created_at,clients,active_clients\r\nptn_1,Lee IT,ann@lee.example,active,2026-12-02T08:00:00.000Z,2026-12-02T08:00:00.000Z,3,2\r\n',
    );
  });

  it('quotes commas and quotes, and defuses what a spreadsheet would run as a formula', () => {
    const line = toPartnersCsv([{ ...row, company: '=HYPERLINK("http://evil","click"), Ltd' }]).split('\r\n')[1];
    expect(line).toBe('ptn_1,"\'=HYPERLINK(""http://evil"",""click""), Ltd",ann@lee.example,active,2026-12-02T08:00:00.000Z,2026-12-02T08:00:00.000Z,3,2');
    expect(toPartnersCsv([{ ...row, company: '@SUM(1)' }]).split('\r\n')[1]).toContain(",'@SUM(1),");
  });
});

import { budgetBody, draftOf, draftProblems, majorUnits, minorUnits } from '../../../web/src/screens/Budgets/budgetForm';

/** Stands in for the console's e-mail rule (`ui/formChecks`, which needs the browser's types). */
const isEmail = (text: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);

describe('the budget form', () => {
  it('reads an amount typed in major units into minor units, with spaces, a comma or a point', () => {
    expect(['50000', '50 000,50', '50000.5', '0.01', '1\u00a0000'].map(minorUnits)).toEqual([5_000_000, 5_000_050, 5_000_050, 1, 100_000]);
  });

  it('refuses what is not a positive amount with at most two decimals', () => {
    expect(['', '0', '-5', '1.005', 'abc', '1e5', '0,00'].map(minorUnits)).toEqual([null, null, null, null, null, null, null]);
  });

  it('shows a stored amount in major units again', () => {
    expect([5_000_000, 5_000_050, 1].map(majorUnits)).toEqual(['50000', '50000.50', '0.01']);
  });

  it('starts a new budget at 50, 80 and 100 % of actual spend with the block off', () => {
    const draft = { ...draftOf(null, 'RUB'), amount: '500' };
    expect(draftProblems(draft, isEmail)).toEqual([]);
    expect(budgetBody(draft)).toEqual({
      amount: 50_000, currency: 'RUB', alertEmails: [], blockAtLimit: false,
      thresholds: [{ percent: 50, basis: 'actual' }, { percent: 80, basis: 'actual' }, { percent: 100, basis: 'actual' }],
    });
  });

  it('names the fields the API would refuse: thresholds out of 1–1000 %, repeated or more than 10, more than 5 addresses', () => {
    const base = { ...draftOf(null, 'RUB'), amount: '500' };
    expect(draftProblems({ ...base, thresholds: [{ percent: '0', basis: 'actual' }] }, isEmail)).toEqual(['thresholds']);
    expect(draftProblems({ ...base, thresholds: [{ percent: '1001', basis: 'actual' }] }, isEmail)).toEqual(['thresholds']);
    expect(draftProblems({ ...base, thresholds: [{ percent: '80', basis: 'actual' }, { percent: '80', basis: 'actual' }] }, isEmail)).toEqual(['thresholds']);
    expect(draftProblems({ ...base, thresholds: [{ percent: '80', basis: 'actual' }, { percent: '80', basis: 'forecast' }] }, isEmail)).toEqual([]);
    expect(draftProblems({ ...base, thresholds: Array.from({ length: 11 }, (_, i) => ({ percent: String(i + 1), basis: 'actual' as const })) }, isEmail)).toEqual(['thresholds']);
    expect(draftProblems({ ...base, emails: 'a@x.example b@x.example c@x.example d@x.example e@x.example f@x.example' }, isEmail)).toEqual(['emails']);
    expect(draftProblems({ ...base, emails: 'not-an-address' }, isEmail)).toEqual(['emails']);
    expect(draftProblems({ ...base, amount: '', currency: 'rub' }, isEmail)).toEqual(['amount', 'currency']);
  });
});

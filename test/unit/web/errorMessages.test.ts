import { describeProblem, fieldWords, problemWords } from '../../../web/src/api/errorMessages';
import { en } from '../../../web/src/i18n/en';
import { ru } from '../../../web/src/i18n/ru';

describe('describeProblem', () => {
  it('keeps the code and the fields named by the issues, never the API\'s wording', () => {
    const problem = describeProblem(400, {
      error: { code: 'validation_failed', message: 'Invalid body', details: { issues: [
        { path: 'body.email', message: 'Invalid email address' }, { path: 'body.name', message: 'Too small: expected string to have >=1 characters' },
        { path: 'body.email', message: 'again' },
      ] } },
    }, null);
    expect(problem).toEqual({ status: 400, code: 'validation_failed', retryAfter: null, fields: ['email', 'name'] });
    expect(problemWords(problem, en)).toBe('Some fields need attention.');
    expect(fieldWords('name', ru)).toBe(ru.fields.name);
    expect(fieldWords('somethingElse', en)).toBe(en.fields.other);
  });

  it('keeps how long to wait on 429 and 503 from Retry-After', () => {
    expect(describeProblem(429, { error: { code: 'rate_limited', message: 'Too many', details: {} } }, '17').retryAfter).toBe(17);
    expect(describeProblem(503, { error: { code: 'temporarily_unavailable', message: 'Busy', details: {} } }, '2.2').retryAfter).toBe(3);
    expect(describeProblem(400, { error: { code: 'validation_failed', message: 'x', details: {} } }, '5').retryAfter).toBeNull();
  });

  it('names an answer without a body by its status', () => {
    const problem = describeProblem(502, undefined, null);
    expect(problem.code).toBe('http_502');
    expect(problemWords(problem, en)).toBe('The service answered with an error (502). Please try again.');
  });
});

import { describeProblem, ERROR_MESSAGES } from '../../../web/src/api/errorMessages';

describe('describeProblem', () => {
  it('puts the code into words and lists field errors by field name', () => {
    const problem = describeProblem(400, {
      error: { code: 'validation_failed', message: 'Invalid body', details: { issues: [{ path: 'body.email', message: 'Invalid email address' }] } },
    }, null);
    expect(problem).toEqual({ status: 400, code: 'validation_failed', message: ERROR_MESSAGES.validation_failed, fields: { email: 'Invalid email address' } });
  });

  it('tells how long to wait on 429 from Retry-After', () => {
    const problem = describeProblem(429, { error: { code: 'rate_limited', message: 'Too many', details: {} } }, '17');
    expect(problem.message).toBe('Too many requests. Please wait 17 s and try again.');
  });

  it('falls back to the API\'s message for a code it does not know, and to the status without a body', () => {
    expect(describeProblem(422, { error: { code: 'brand_new', message: 'Something new', details: {} } }, null).message).toBe('Something new');
    expect(describeProblem(502, undefined, null)).toMatchObject({ code: 'http_502', message: 'The service answered 502.' });
  });
});

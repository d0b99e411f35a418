/**
 * autocannon `setupRequest` of the add-client load case. autocannon's worker thread `require`s this
 * file (hence `export =`): each request adds a client for the next cloud account the bench
 * registered beforehand, `BENCH_ACCOUNT_PREFIX` followed by a 12-digit counter.
 */
import type { Request } from 'autocannon';

let next = 0;

/** The next add-client request: a fresh registered account and e-mail. */
function addClientRequest(request: Request): Request {
  const accountId = `${process.env.BENCH_ACCOUNT_PREFIX ?? ''}${String(next).padStart(12, '0')}`;
  next += 1;
  return { ...request, body: JSON.stringify({ email: `load-${accountId}@example.com`, accountId, name: 'Load Client' }) };
}

export = addClientRequest;

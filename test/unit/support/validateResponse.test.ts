import document from '../../../shared/http/openapi.generated.json';
import { validateResponse } from '../../support/validateResponse';

type Responses = Record<string, { content?: Record<string, { example?: unknown }> }>;
const paths = document.paths as unknown as Record<string, Record<string, { responses: Responses }>>;
const example = (path: string, method: string, status: string) => paths[path]![method]!.responses[status]!.content!['application/json']!.example;

const json = {
  'content-type': 'application/json; charset=utf-8', 'content-length': '123', date: 'Tue, 01 Dec 2026 12:00:00 GMT', 'x-request-id': 'Kq3xWgHoliAEMJw=',
};
const client = example('/clients/{id}', 'get', '200') as Record<string, unknown>;
const notFound = { error: { code: 'not_found', message: 'Client not found', details: { clientId: 'cli_1' }, requestId: 'Kq3xWgHoliAEMJw=' } };

describe('validateResponse', () => {
  it('accepts an answer the document allows, by path template or by URL, body as text or parsed', () => {
    expect(() => validateResponse('GET', '/clients/{id}', 200, json, client)).not.toThrow();
    expect(() => validateResponse('get', 'http://127.0.0.1:3000/clients/cli_1?x=1', 200, new Headers(json), JSON.stringify(client))).not.toThrow();
    expect(() => validateResponse('GET', '/clients/cli_1', 404, json, notFound)).not.toThrow();
  });

  it('fails on an operation the document does not have', () => {
    expect(() => validateResponse('PUT', '/clients/cli_1', 200, json, client)).toThrow('not a documented operation');
    expect(() => validateResponse('POST', '/__local/login', 200, json, {})).toThrow('not a documented operation');
  });

  it('fails on an undocumented status', () => {
    expect(() => validateResponse('GET', '/clients/cli_1', 201, json, client)).toThrow('GET /clients/{id} → 201 is not documented');
    // GET /openapi.json takes no input, so a 400 from it would be news.
    expect(() => validateResponse('GET', '/openapi.json', 400, json, { error: { code: 'validation_failed', message: 'x', details: {} } })).toThrow('not documented');
  });

  it('fails on a body property the document does not name, and on a missing one', () => {
    expect(() => validateResponse('GET', '/clients/cli_1', 200, json, { ...client, secret: 1 })).toThrow('must NOT have additional properties');
    const { email: _email, ...withoutEmail } = client;
    expect(() => validateResponse('GET', '/clients/cli_1', 200, json, withoutEmail)).toThrow("must have required property 'email'");
  });

  it('fails on an error code its status does not list for that operation', () => {
    const wrongCode = { error: { ...notFound.error, code: 'client_exists' } };
    expect(() => validateResponse('GET', '/clients/cli_1', 404, json, wrongCode)).toThrow('must be equal to one of the allowed values');
  });

  it('fails on an undocumented header and on a documented required one missing', () => {
    expect(() => validateResponse('GET', '/clients/cli_1', 200, { ...json, 'x-powered-by': 'Express' }, client)).toThrow('header x-powered-by is not documented');
    const limited = { error: { code: 'rate_limited', message: 'Too many requests', details: { retryAfterSeconds: 30 }, requestId: 'Kq3xWgHoliAEMJw=' } };
    expect(() => validateResponse('GET', '/clients', 429, json, limited)).toThrow('required header retry-after is missing');
    expect(() => validateResponse('GET', '/clients', 429, { ...json, 'retry-after': 'soon' }, limited)).toThrow('header retry-after');
    expect(() => validateResponse('GET', '/clients', 429, { ...json, 'retry-after': '30' }, limited)).not.toThrow();
    const { 'x-request-id': _requestId, ...unnamed } = json;
    expect(() => validateResponse('GET', '/clients/cli_1', 200, unnamed, client)).toThrow('required header x-request-id is missing');
    const { requestId: _id, ...anonymousError } = limited.error;
    expect(() => validateResponse('GET', '/clients', 429, { ...json, 'retry-after': '30' }, { error: anonymousError })).toThrow("must have required property 'requestId'");
  });

  it('fails on a content type the operation does not answer with', () => {
    expect(() => validateResponse('GET', '/clients/cli_1', 200, { 'content-type': 'text/html' }, '<p>hi</p>')).toThrow('content type text/html is not documented');
    expect(() => validateResponse('GET', '/invitations/tok', 200, { 'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer', 'x-request-id': 'Kq3xWgHoliAEMJw=' }, '<p>hi</p>')).not.toThrow();
  });

  it('prefers a literal path to a template (`/clients/bulk` is not client "bulk")', () => {
    const preview = example('/clients/bulk', 'post', '200');
    expect(() => validateResponse('POST', 'http://127.0.0.1:3000/clients/bulk', 200, json, preview)).not.toThrow();
  });

  it('accepts every success example of the document (examples cannot drift from the schemas)', () => {
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, { responses }] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(responses).filter(([code]) => code < '300')) {
          const body = response.content?.['application/json']?.example;
          const headers = { ...json, ...(['POST /clients', 'POST /partner-applications'].includes(`${method.toUpperCase()} ${path}`) && { location: '/clients/cli_1' }) };
          expect(() => validateResponse(method, path, Number(status), headers, body)).not.toThrow();
        }
      }
    }
  });
});

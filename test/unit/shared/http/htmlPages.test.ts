import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { NotFoundError } from '../../../../shared/domain/errors';
import { escapeHtml, htmlOrJson } from '../../../../shared/http/htmlPages';

const context = {} as Context;
const event = (accept?: string) =>
  ({ headers: accept ? { accept } : {}, requestContext: { requestId: 'api-req-7' } }) as unknown as APIGatewayProxyEventV2;
const json = async () => ({ statusCode: 200, body: '{"json":true}' });

describe('htmlOrJson', () => {
  it('answers JSON unless the caller asks for HTML', async () => {
    const handler = htmlOrJson(json, async () => '<p>page</p>');
    expect((await handler(event(), context)).body).toBe('{"json":true}');
    expect((await handler(event('application/json'), context)).body).toBe('{"json":true}');
  });

  it('serves the page to browsers without leaking the URL as a referrer', async () => {
    const handler = htmlOrJson(json, async () => '<p>page</p>');
    const response = await handler(event('text/html,application/xhtml+xml,*/*;q=0.8'), context);
    expect(response).toMatchObject({ statusCode: 200, body: '<p>page</p>' });
    expect(response.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer', 'x-request-id': 'api-req-7' });
  });

  it('renders errors as a page with the status of the one error mapping', async () => {
    const handler = htmlOrJson(json, async () => {
      throw new NotFoundError('Invitation');
    });
    const response = await handler(event('text/html'), context);
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Invitation not found');
    // The id a visitor quotes to support, on the page and in the header.
    expect(response.body).toContain('request api-req-7');
    expect(response.headers?.['x-request-id']).toBe('api-req-7');
  });

  it('hides unexpected errors behind a generic page', async () => {
    const handler = htmlOrJson(json, async () => {
      throw new Error('table secret-table missing');
    });
    const response = await handler(event('text/html'), context);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
  });
});

describe('escapeHtml', () => {
  it('escapes every character that could open markup or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { publicBaseUrl } from '../../../../shared/http/publicBaseUrl';

const event = (headers: Record<string, string>) =>
  ({ headers, requestContext: { domainName: 'abc123.execute-api.eu-central-1.amazonaws.com' } }) as unknown as APIGatewayProxyEventV2;

describe('publicBaseUrl', () => {
  it('prefers PUBLIC_BASE_URL, without a trailing slash', () => {
    expect(publicBaseUrl(event({ host: '127.0.0.1:3000' }), { PUBLIC_BASE_URL: 'https://partners.example.com/' })).toBe('https://partners.example.com');
  });

  it('falls back to the origin the request came to: http on loopback, https elsewhere', () => {
    expect(publicBaseUrl(event({ host: '127.0.0.1:3000' }), {})).toBe('http://127.0.0.1:3000');
    expect(publicBaseUrl(event({}), {})).toBe('https://abc123.execute-api.eu-central-1.amazonaws.com');
  });
});

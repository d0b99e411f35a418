import { publicBaseUrl } from '../../../../shared/http/publicBaseUrl';

describe('publicBaseUrl', () => {
  it('is PUBLIC_BASE_URL, without a trailing slash', () => {
    expect(publicBaseUrl({ PUBLIC_BASE_URL: 'https://partners.example.com/' })).toBe('https://partners.example.com');
  });

  it('refuses to run without PUBLIC_BASE_URL instead of taking the origin from the request', () => {
    expect(() => publicBaseUrl({})).toThrow(/PUBLIC_BASE_URL is not set/);
    expect(() => publicBaseUrl({ PUBLIC_BASE_URL: ' ' })).toThrow(/PUBLIC_BASE_URL is not set/);
  });
});

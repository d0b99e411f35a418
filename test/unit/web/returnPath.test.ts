import { readFileSync } from 'node:fs';
import path from 'node:path';
import { returnPath, SCREEN_PATHS } from '../../../web/src/screenPaths';

const ORIGIN = 'https://partners.example.com';

describe('returnPath (where the console goes after signing in)', () => {
  it.each([
    '/\\evil.example', '/\\/evil.example', '/\t/evil.example', '/\n/evil.example', '/ /evil.example', '//evil', '//evil.example/clients',
    'https://evil.example/clients', 'javascript:alert(1)', 'evil.example', '/%5Cevil.example', '/%2F%2Fevil.example', '/%5C%5Cevil.example',
    '%2F%2Fevil.example', '/%09/evil.example', '/\\%2Fevil', '/clients/../../evil', '/admin', '/sign-in', '/auth/callback', '', undefined, null,
  ])('refuses %j: back to the start page', (next) => {
    expect(returnPath(next, ORIGIN)).toBe('/');
  });

  it.each([
    ['/clients', '/clients'],
    ['/clients?status=active&search=ivan', '/clients?status=active&search=ivan'],
    ['/clients/cli_1/balance?period=month', '/clients/cli_1/balance?period=month'],
    ['/applications/app_1', '/applications/app_1'],
    ['/audit#top', '/audit#top'],
    ['/invitations/abc', '/invitations/abc'],
    ['/clients/./', '/clients/'],
  ])('takes a path of one of its screens: %j', (next, expected) => {
    expect(returnPath(next, ORIGIN)).toBe(expected);
  });

  it('takes a screen behind the page language, and a client page', () => {
    expect(returnPath('/ru/clients?status=active', ORIGIN)).toBe('/ru/clients?status=active');
    expect(returnPath('/en/clients/cli_1?tab=detail', ORIGIN)).toBe('/en/clients/cli_1?tab=detail');
    expect(returnPath('/de/clients', ORIGIN)).toBe('/');
  });

  it('knows exactly the screens App.tsx renders', () => {
    const app = readFileSync(path.join(__dirname, '..', '..', '..', 'web', 'src', 'App.tsx'), 'utf8');
    const rendered = [...app.matchAll(/pattern: '([^']+)'/g)].map((match) => match[1]);
    expect(['/', ...rendered].sort()).toEqual([...SCREEN_PATHS].sort());
  });
});

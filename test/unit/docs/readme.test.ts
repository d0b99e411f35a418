import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { apiTable } from '../../../infra/generateOpenApi';
import { jobs, routes } from '../../../shared/routeTable';

const readme = readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');

describe('README', () => {
  it('lists every route of the route table in its API table', () => {
    const missing = routes.filter((route) => !readme.includes(`| ${route.method} | \`${route.path}\` | ${route.auth} |`));
    expect(missing.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('lists no route that does not exist', () => {
    const listed = [...readme.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \|/gm)].map(([, method, p]) => `${method} ${p}`);
    expect(listed.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('says what each route does in the words of its OpenAPI description (the table `npm run openapi` writes)', () => {
    // On failure: run `npm run openapi` and commit README.md.
    expect(readme.includes(apiTable()) ? 'fresh' : 'stale, run npm run openapi').toBe('fresh');
  });

  it('stays a front door of at most 300 lines; the rest lives in docs/', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
  });

  it('names every scheduled job', () => {
    for (const job of jobs) expect(readme).toContain(`\`${job.handler}\``);
  });
});

/**
 * `npm run openapi`: writes the OpenAPI document, generated from the route table and the zod
 * schemas that validate the requests, to `shared/http/openapi.generated.json`, and the README's
 * API table from the same route table and operation docs. The `GET /openapi.json` function serves
 * that file, so it loads no zod and generates nothing at run time; unit tests fail while the
 * committed file or the README table differs from a fresh generation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { namedSchemas, operationDocs } from '../shared/http/apiDocs';
import { openApiDocument } from '../shared/http/openapi';
import { routes } from '../shared/routeTable';

export const GENERATED_OPENAPI_FILE = path.join(__dirname, '..', 'shared', 'http', 'openapi.generated.json');
export const README_FILE = path.join(__dirname, '..', 'README.md');

const API_TABLE_HEADER = '| Method | Path | Auth | What it does |\n|---|---|---|---|\n';

/** The document as committed: the server is filled in per request from the API's domain. */
export function generatedOpenApiText(): string {
  return `${JSON.stringify(openApiDocument(routes, operationDocs, namedSchemas), null, 2)}\n`;
}

/** The README's API table: one row per route, in route-table order, saying what the operation's description says. */
export function apiTable(): string {
  return API_TABLE_HEADER + routes.map((route) => {
    const doc = operationDocs[`${route.method} ${route.path}`];
    return `| ${route.method} | \`${route.path}\` | ${route.auth} | ${doc?.description.replaceAll('|', '\\|') ?? ''} |\n`;
  }).join('');
}

/** The README with its API table replaced by a fresh one. */
export function readmeWithApiTable(readme: string): string {
  const start = readme.indexOf(API_TABLE_HEADER);
  if (start < 0) throw new Error('README.md has no API table header');
  const rest = readme.slice(start + API_TABLE_HEADER.length);
  const rows = rest.match(/^(\|.*\n)*/)?.[0] ?? '';
  return readme.slice(0, start) + apiTable() + rest.slice(rows.length);
}

if (require.main === module) {
  writeFileSync(GENERATED_OPENAPI_FILE, generatedOpenApiText());
  writeFileSync(README_FILE, readmeWithApiTable(readFileSync(README_FILE, 'utf8')));
  console.log(`wrote ${path.relative(process.cwd(), GENERATED_OPENAPI_FILE)} and the API table of README.md`);
}

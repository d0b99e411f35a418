/**
 * `npm run openapi`: writes the OpenAPI document, generated from the route table and the zod
 * schemas that validate the requests, to `shared/http/openapi.generated.json`. The
 * `GET /openapi.json` function serves that file, so it loads no zod and generates nothing at run
 * time; a unit test fails while the committed file differs from a fresh generation.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { operationDocs } from '../shared/http/apiDocs';
import { openApiDocument } from '../shared/http/openapi';
import { routes } from '../shared/routeTable';

export const GENERATED_OPENAPI_FILE = path.join(__dirname, '..', 'shared', 'http', 'openapi.generated.json');

/** The document as committed: the server is filled in per request from the API's domain. */
export function generatedOpenApiText(): string {
  return `${JSON.stringify(openApiDocument(routes, operationDocs), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(GENERATED_OPENAPI_FILE, generatedOpenApiText());
  console.log(`wrote ${path.relative(process.cwd(), GENERATED_OPENAPI_FILE)}`);
}

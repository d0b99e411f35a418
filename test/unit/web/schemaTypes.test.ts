import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

describe('web/src/api/schema.d.ts', () => {
  it('is what openapi-typescript generates from the committed OpenAPI document (run npm run openapi:types)', () => {
    const fresh = execFileSync(join(root, 'node_modules', '.bin', 'openapi-typescript'), ['shared/http/openapi.generated.json'], {
      cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(readFileSync(join(root, 'web/src/api/schema.d.ts'), 'utf8')).toBe(fresh);
  });
});

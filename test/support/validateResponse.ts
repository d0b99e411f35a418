/**
 * Checks real responses against the committed OpenAPI document (`shared/http/openapi.generated.json`):
 * the e2e fixture runs every HTTP answer of the local stack through it, and the browser suite
 * can do the same with what the browser received.
 *
 * Ajv (with ajv-formats) validates the bodies against the document's own schemas, whose objects
 * are closed (`additionalProperties: false`), so an undocumented property fails; the status, the
 * content type and the headers are checked here against the operation's `responses`.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import document from '../../shared/http/openapi.generated.json';

interface MediaType {
  readonly schema: Record<string, unknown>;
}
interface Header {
  readonly required?: boolean;
  readonly schema: Record<string, unknown>;
}
interface Response {
  readonly headers?: Record<string, Header | { $ref: string }>;
  readonly content?: Record<string, MediaType>;
}
interface Operation {
  readonly responses: Record<string, Response | { $ref: string }>;
}

/** Headers any answer may carry without the document naming them: HTTP itself, CORS, and API Gateway's request id. */
const TRANSPORT_HEADERS = new Set([
  'content-type', 'content-encoding', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'vary', 'apigw-requestid',
  'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers',
]);

const paths = document.paths as unknown as Record<string, Record<string, Operation>>;
const components = document.components as unknown as { headers: Record<string, Header>; responses: Record<string, Response> };

/** The component a local `$ref` (`#/components/<kind>/<name>`) names, or the object itself. */
function resolved<T extends object>(kind: 'headers' | 'responses', value: T | { $ref: string }): T {
  return '$ref' in value ? (components[kind][value.$ref.split('/').at(-1)!] as unknown as T) : value;
}

/** Path templates as patterns; a template with fewer parameters wins (`/clients/bulk` before `/clients/{id}`). */
const templates = Object.keys(paths)
  .map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
    parameters: (template.match(/\{/g) ?? []).length,
  }))
  .sort((a, b) => a.parameters - b.parameters);

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
// The document's named schemas, for the `$ref`s of response schemas (`#/components/schemas/Client` → `components#/definitions/Client`).
const withComponentRefs = (schema: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"components#/definitions/')) as Record<string, unknown>;
// Named schemas may name others (a partner's page holds a `Partner`): their `$ref`s are rewritten alike.
ajv.addSchema(withComponentRefs({ $id: 'components', definitions: (document.components as unknown as { schemas: object }).schemas }));
const validators = new Map<string, ValidateFunction>();

function validatorFor(key: string, schema: Record<string, unknown>): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(withComponentRefs(schema));
    validators.set(key, validate);
  }
  return validate;
}

function operationOf(method: string, pathTemplateOrUrl: string): { template: string; operation: Operation } | undefined {
  const lower = method.toLowerCase();
  const path = paths[pathTemplateOrUrl]
    ? pathTemplateOrUrl
    : new URL(pathTemplateOrUrl, 'http://path.only').pathname;
  const found = paths[path]?.[lower] ? { template: path } : templates.find(({ pattern, template }) => pattern.test(path) && paths[template]?.[lower]);
  return found && { template: found.template, operation: paths[found.template]![lower]! };
}

function headerEntries(headers: Headers | Record<string, string>): Array<[string, string]> {
  const entries: Array<[string, string]> = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  return entries.map(([name, value]) => [name.toLowerCase(), value]);
}

function headerProblems(documented: Response['headers'], received: Array<[string, string]>): string[] {
  const problems: string[] = [];
  const byName = new Map(Object.entries(documented ?? {}).map(([name, header]) => [
    name.toLowerCase(),
    resolved<Header>('headers', header),
  ]));
  for (const [name, value] of received) {
    const header = byName.get(name);
    if (!header) {
      if (!TRANSPORT_HEADERS.has(name)) problems.push(`header ${name} is not documented`);
      continue;
    }
    const validate = validatorFor(`header ${JSON.stringify(header.schema)}`, header.schema);
    if (!validate(value)) problems.push(`header ${name}: ${ajv.errorsText(validate.errors)}`);
  }
  for (const [name, header] of byName) {
    if (header.required && !received.some(([receivedName]) => receivedName === name)) problems.push(`required header ${name} is missing`);
  }
  return problems;
}

function bodyProblems(key: string, content: Response['content'], contentType: string | undefined, body: unknown): string[] {
  const empty = body === undefined || body === '';
  if (!content) return empty ? [] : ['a body was sent where the document describes none'];
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const documented = content[mediaType];
  if (!documented) return [`content type ${contentType ?? '(none)'} is not documented (documented: ${Object.keys(content).join(', ')})`];
  if (mediaType !== 'application/json') return typeof body === 'string' ? [] : [`a ${mediaType} body must be text`];
  let json = body;
  if (typeof body === 'string') {
    try {
      json = JSON.parse(body) as unknown;
    } catch {
      return ['the body is not JSON'];
    }
  }
  const validate = validatorFor(`${key} ${mediaType}`, documented.schema);
  return validate(json) ? [] : (validate.errors ?? []).map((error) => `body${error.instancePath}: ${error.message} ${JSON.stringify(error.params)}`);
}

/**
 * Throws unless the document allows this answer: the operation (method and path template, or a
 * URL whose path matches one), the status, the content type, every header (beyond HTTP's and
 * CORS's own) and the body. `body` is the text received, or the JSON already parsed.
 *
 * @example
 * validateResponse('GET', 'http://127.0.0.1:3000/clients?limit=5', 200, response.headers, await response.text());
 */
export function validateResponse(
  method: string,
  pathTemplateOrUrl: string,
  status: number,
  headers: Headers | Record<string, string>,
  body: unknown,
): void {
  const found = operationOf(method, pathTemplateOrUrl);
  if (!found) throw new Error(`OpenAPI: ${method} ${pathTemplateOrUrl} is not a documented operation`);
  const what = `${method.toUpperCase()} ${found.template} → ${status}`;
  const documented = found.operation.responses[String(status)];
  if (!documented) {
    throw new Error(`OpenAPI: ${what} is not documented (documented: ${Object.keys(found.operation.responses).join(', ')}); body: ${JSON.stringify(body)}`);
  }
  const response = resolved<Response>('responses', documented);
  const received = headerEntries(headers);
  const contentType = received.find(([name]) => name === 'content-type')?.[1];
  const problems = [...headerProblems(response.headers, received), ...bodyProblems(what, response.content, contentType, body)];
  if (problems.length > 0) throw new Error(`OpenAPI: ${what} does not match the document:\n- ${problems.join('\n- ')}\nbody: ${JSON.stringify(body)}`);
}

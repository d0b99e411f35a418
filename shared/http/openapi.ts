import * as z from 'zod/mini';
import { DEFAULT_API_KEY_REQUESTS_PER_MINUTE } from '../domain/apiKeys/ApiKey';
import type { AuthKind, RouteSpec } from '../routeTable';
import { type ApiErrorCode, errorStatus } from './errorStatus';
import { HttpStatus } from './httpStatus';
import { REQUEST_ID_HEADER } from './requestId';
import { errorResponse } from './docs/common';
import { webhookPayloadDocs } from './docs/webhooks';

/** The groups of operations, with what each is about. */
export const TAGS = {
  Meta: 'The API describing itself.',
  Me: 'The signed-in partner or manager and the language they read the console and their mails in.',
  'Partner applications': 'The public "contact sales" form and the partner department answering it (managers).',
  Clients: "A partner's clients: adding one by its cloud account, the invitation link, listing.",
  Invitations: 'The public link an invited client opens: see the invitation, accept or decline it.',
  Audit: "Who changed which of a partner's clients, and when.",
  Billing: "The cloud's billing system posting charges, deposits and withdrawals (machine clients).",
  Balances: "Balances of a partner's active or blocked clients, per Moscow day and per service.",
  'Client operations': 'Block, unblock and delete clients, one or up to 500 at once: a preview, then a confirmation.',
  'Spend control': "Budgets per client with alerts, the partner's notifications, and the portfolio of every client's spend.",
  Team: "A partner's team: members with roles (owner, admin, operations, finance, sales), invitations, and clients assigned to sales members.",
  'API keys': "Keys a partner's own systems call the API with, each limited to scopes and an expiry.",
  Webhooks: "A partner's endpoints that receive its clients' events, signed as Standard Webhooks specifies.",
  Partners: 'The partner department running the program: the partners list, a partner\'s page, suspend, resume, end (managers).',
} as const;

/** One of the tags. */
export type Tag = keyof typeof TAGS;

/** What the OpenAPI document says about one route, beyond the route table. */
export interface OperationDoc {
  /** A few words, for menus and generated clients. */
  readonly summary: string;
  /** What it does in full; the README's API table shows the same text. */
  readonly description: string;
  readonly tag: Tag;
  /** The path parameters' schema (the one the handler validates them with). */
  readonly params?: z.ZodMiniType;
  readonly body?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  /** Success statuses, each with what it means. */
  readonly success: Readonly<Record<number, string>>;
  readonly response?: z.ZodMiniType;
  /** Examples of the request body and of the success body (checked against the schemas by the linters). */
  readonly examples: { readonly body?: unknown; readonly response?: unknown };
  /** The success answer names the client's or application's address in `Location`. */
  readonly location?: true;
  /** A browser that asks for `text/html` gets a page instead of JSON, errors included. */
  readonly html?: true;
  /** `Accept: text/csv` gets the success answer as CSV (a page of a listing, the next page's cursor in `x-next-cursor`). */
  readonly csv?: true;
  /**
   * Error codes of this operation beyond those its route-table entry implies (see `impliedErrors`);
   * each is answered with the status `errorStatus` gives it.
   */
  readonly errors?: readonly ApiErrorCode[];
}

/** Operation docs by route key (`METHOD /path`). */
export type OperationDocs = Readonly<Record<string, OperationDoc>>;

/** Response schemas worth a name (`Client`, `Application`): written once under `components.schemas` and referenced. */
export type NamedSchemas = Readonly<Record<string, z.ZodMiniType>>;

/** Which token each kind of caller needs, as OpenAPI security schemes (none for public routes). */
const SECURITY_SCHEMES: Readonly<Record<Exclude<AuthKind, 'public' | 'staff'>, { readonly name: string; readonly description: string }>> = {
  partner: {
    name: 'partnerIdToken',
    description: 'A Cognito **ID token** of a partner user (`Authorization: Bearer <id token>`): `custom:role` is `partner` ' +
      'and `custom:partnerId` names the partner; every query is scoped by that partner. The caller must be a member of that ' +
      'partner\'s team (403 `not_a_member`, checked at least once a minute) in a role the route allows (403 `role_not_allowed`); ' +
      'a sales member sees only the clients assigned to it (others answer 404).',
  },
  manager: {
    name: 'managerIdToken',
    description: 'A Cognito **ID token** of a manager of the partner department: `custom:role` is `manager`.',
  },
  system: {
    name: 'billingAccessToken',
    description: 'A Cognito **access token** of a machine client, from the client-credentials grant with the scope ' +
      '`partnerdesk/billing.write` (a person\'s token never is one).',
  },
  console: {
    name: 'consoleIdToken',
    description: 'An **ID token** of a cloud console user, the owner of a cloud account, from the console users\' identity ' +
      'provider (the stack\'s console pool, or the cloud\'s own OIDC provider): it names the account in `custom:accountId` ' +
      '(or the configured claim), and its verified e-mail in `email` with `email_verified: true` (or the configured claims). Only the ' +
      'owner of the invited account may answer an invitation; one sent without an account, only the user whose verified e-mail is the invited one.',
  },
};

/** The partners' API keys (issue 33): the scheme every operation that takes a key lists beside the ID token. */
const API_KEY_SCHEME = {
  name: 'partnerApiKey',
  description: 'A partner\'s **API key** (`Authorization: Bearer pdk_<key id>_<secret>`), created by its owner or an admin ' +
    '(`POST /api-keys`): it acts for that partner only, on the operations whose `x-api-key-scope` it holds (403 ' +
    '`api_key_scope_missing`; `api_key_not_accepted` where an operation takes no key), at most ' +
    `${DEFAULT_API_KEY_REQUESTS_PER_MINUTE} requests a minute per key ` +
    '(429 with `Retry-After`). A wrong key answers 401 `api_key_invalid`, an expired one ' +
    '`api_key_expired`, a revoked one `api_key_revoked` (within a minute of the revocation). OpenAPI 3.0 lets a bearer scheme ' +
    'list no scopes, so each operation names its scope in `x-api-key-scope`.',
};

/** Security requirement per route (HTTP bearer schemes take no scopes; the billing scope is in its description, a key's in `x-api-key-scope`). */
function security(route: RouteSpec): Array<Record<string, string[]>> {
  const { auth } = route;
  if (auth === 'public') return [];
  if (auth === 'partner' && route.scope) return [{ [SECURITY_SCHEMES.partner.name]: [] }, { [API_KEY_SCHEME.name]: [] }];
  // Either token: OpenAPI lists alternatives as separate requirements.
  if (auth === 'staff') return [{ [SECURITY_SCHEMES.partner.name]: [] }, { [SECURITY_SCHEMES.manager.name]: [] }];
  return [{ [SECURITY_SCHEMES[auth].name]: [] }];
}

/**
 * The error codes a route's table entry implies: invalid input where it takes any (a foreign cursor
 * where it pages), tokens where it
 * is not public, body framing where it takes a body, the rate limit and `Idempotency-Key` where it
 * uses their tables, a busy dependency where it uses any table, and the catch-all everywhere.
 */
function impliedErrors(route: RouteSpec, doc: OperationDoc): ApiErrorCode[] {
  const tables = route.uses.tables ?? {};
  const takesInput = route.path.includes('{') || doc.body !== undefined || doc.query !== undefined;
  return [
    ...(takesInput ? ['validation_failed' as const] : []),
    ...(route.uses.cursors ? ['invalid_cursor' as const] : []),
    ...(route.auth !== 'public' ? ['unauthorized' as const, 'forbidden' as const] : []),
    // The membership check of every partner route (`partnerMembership.ts`).
    ...(route.auth === 'partner' ? ['not_a_member' as const, 'role_not_allowed' as const] : []),
    // The key check of every partner route that takes API keys (`apiKeyAuthentication.ts`).
    ...(route.auth === 'partner' && route.scope
      ? ['api_key_invalid' as const, 'api_key_expired' as const, 'api_key_revoked' as const, 'api_key_scope_missing' as const]
      : []),
    ...(route.auth === 'partner' && !route.scope ? ['api_key_not_accepted' as const] : []),
    // Every partner route checks that the caller's partner is active (`partnerStanding.ts`).
    ...(route.auth === 'partner' ? ['partner_suspended' as const, 'partner_ended' as const] : []),
    ...(doc.body ? ['payload_too_large' as const, 'unsupported_media_type' as const] : []),
    ...(tables.rateLimits ? ['rate_limited' as const] : []),
    ...(isIdempotent(route) ? ['request_in_progress' as const, 'idempotency_key_reused' as const] : []),
    ...(Object.keys(tables).length > 0 ? ['temporarily_unavailable' as const] : []),
    'internal_error',
  ];
}

/** Write routes that honour `Idempotency-Key` are the ones that use the idempotency table. */
function isIdempotent(route: RouteSpec): boolean {
  return route.uses.tables?.idempotency !== undefined;
}

function schema(type: z.ZodMiniType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(type, { io, target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown>;
  return exact(rest, io);
}

/**
 * Two things zod leaves implicit, made explicit: a nullable enum lists `null` among its values
 * (OpenAPI 3.0.3 requires it), and a response's objects admit no other properties — the API
 * answers exactly what is documented, so a response checked against it fails on anything else.
 */
function exact(node: Record<string, unknown>, io: 'input' | 'output'): Record<string, unknown> {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const object = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, walk(child)])) as Record<string, unknown>;
    if (object.nullable === true && Array.isArray(object.enum) && !object.enum.includes(null)) object.enum = [...object.enum, null];
    if (io === 'output' && object.type === 'object' && object.properties && object.additionalProperties === undefined) object.additionalProperties = false;
    return object;
  };
  return walk(node) as Record<string, unknown>;
}

function queryParameters(query: z.ZodMiniType | undefined): Array<Record<string, unknown>> {
  if (!query) return [];
  const input = schema(query, 'input');
  const required = new Set((input.required ?? []) as string[]);
  const properties = (input.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties).map(([name, property]) => ({ name, in: 'query', required: required.has(name), schema: property }));
}

/** What an API Gateway request id looks like, for the examples. */
const REQUEST_ID_EXAMPLE = 'Kq3xWgHoliAEMJw=';

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });

/**
 * Response schemas in which the named ones are references: each named schema is written once into
 * `components` (the document's `components.schemas`), so generated clients get its name too.
 */
function namedResponseSchemas(named: NamedSchemas): { output: (type: z.ZodMiniType) => Record<string, unknown>; components: Record<string, unknown> } {
  const registry = z.registry<{ id: string }>();
  for (const [id, type] of Object.entries(named)) registry.add(type, { id });
  const inComponents = (node: unknown) => JSON.parse(JSON.stringify(node).replaceAll('"#/definitions/', '"#/components/schemas/')) as Record<string, unknown>;
  const components: Record<string, unknown> = {};
  const output = (type: z.ZodMiniType) => {
    const generated = z.toJSONSchema(type, { io: 'output', target: 'openapi-3.0', unrepresentable: 'any', metadata: registry }) as Record<string, unknown>;
    const { $schema: _ignored, definitions, ...rest } = generated as { $schema?: string; definitions?: Record<string, Record<string, unknown>> };
    for (const [id, definition] of Object.entries(definitions ?? {})) components[id] ??= inComponents(exact(definition, 'output'));
    return inComponents(exact(rest, 'output'));
  };
  return { output, components };
}

/** Headers of a response with this status; every response names its request. */
function responseHeaders(status: number, doc: OperationDoc): Record<string, unknown> {
  return {
    [REQUEST_ID_HEADER]: ref('headers', 'RequestId'),
    ...((status === HttpStatus.TOO_MANY_REQUESTS || status === HttpStatus.SERVICE_UNAVAILABLE) && { 'Retry-After': ref('headers', 'RetryAfter') }),
    ...(doc.location && status < 300 && { Location: ref('headers', 'Location') }),
    ...(doc.csv && status < 300 && { 'x-next-cursor': ref('headers', 'NextCursor') }),
    ...(doc.html && {
      'Referrer-Policy': ref('headers', 'ReferrerPolicy'),
      'Content-Security-Policy': ref('headers', 'ContentSecurityPolicy'),
      'Cache-Control': ref('headers', 'CacheControl'),
    }),
  };
}

const HTML_PAGE = { schema: { type: 'string' }, example: '<!doctype html><html lang="en">…</html>' };

const CSV_PAGE = {
  schema: { type: 'string' },
  example: 'id,company,email,state,since,created_at,clients,active_clients\r\nptn_9d8c…,Lee IT,ann@lee-it.example,active,2026-12-02T08:00:00.000Z,2026-12-02T08:00:00.000Z,12,9\r\n',
};

/** The one error shape, its `code` narrowed to the given codes. */
function errorSchema(codes: readonly ApiErrorCode[]): Record<string, unknown> {
  const shape = schema(errorResponse, 'output') as { properties: { error: { properties: Record<string, unknown> } } };
  const error = shape.properties.error;
  return { ...shape, properties: { error: { ...error, properties: { ...error.properties, code: { type: 'string', enum: codes } } } } };
}

/** The name of a shared error answer: its codes in PascalCase (`ClientExistsOrAccountTaken`), `Page` when browsers may get HTML. */
function errorAnswerName(codes: readonly ApiErrorCode[], html: boolean): string {
  const pascal = (code: string) => code.replace(/(^|_)([a-z])/g, (_, _sep: string, letter: string) => letter.toUpperCase());
  return codes.map(pascal).join('Or') + (html ? 'Page' : '');
}

/**
 * The error answers of an operation: one per status, the codes it can carry listed, in the one
 * error shape. Each distinct answer is written once into `shared` (the document's
 * `components.responses`, as many operations answer alike) and referenced from the operation.
 */
function errorResponses(codes: readonly ApiErrorCode[], doc: OperationDoc, shared: Record<string, unknown>): Record<string, unknown> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of new Set(codes)) byStatus.set(errorStatus(code), [...(byStatus.get(errorStatus(code)) ?? []), code]);
  const responses: Record<string, unknown> = {};
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const name = errorAnswerName(statusCodes, doc.html === true);
    const headers = responseHeaders(status, doc);
    shared[name] ??= {
      description: `\`error.code\`: ${statusCodes.map((code) => `\`${code}\``).join(', ')}`,
      ...(Object.keys(headers).length > 0 && { headers }),
      content: {
        'application/json': {
          schema: errorSchema(statusCodes),
          example: {
            error: { code: statusCodes[0], message: 'What went wrong, in words a person can read', details: {}, requestId: REQUEST_ID_EXAMPLE },
          },
        },
        ...(doc.html && { 'text/html': HTML_PAGE }),
      },
    };
    responses[String(status)] = ref('responses', name);
  }
  return responses;
}

function successResponses(doc: OperationDoc, output: (type: z.ZodMiniType) => Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc.success).map(([status, description]) => {
    const headers = responseHeaders(Number(status), doc);
    return [status, {
      description,
      ...(Object.keys(headers).length > 0 && { headers }),
      ...(doc.response && {
        content: {
          'application/json': { schema: output(doc.response), example: doc.examples.response },
          ...(doc.html && { 'text/html': HTML_PAGE }),
          ...(doc.csv && { 'text/csv': CSV_PAGE }),
        },
      }),
    }];
  }));
}

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes a retry safe: the first successful response to a key is stored for 24 hours and returned again to ' +
    'a retry with the same key from the same caller, without doing anything twice. The same key with another method, ' +
    'path or body answers 422 `idempotency_key_reused`; while the first request still runs, 409 `request_in_progress`. ' +
    'Failed requests are not stored (retry them with the same key). An empty key is no key.',
  schema: { type: 'string', maxLength: 255 },
  example: 'add-client-7f3k9q2m',
};

/**
 * The OpenAPI 3.0 document of the API, generated from the route table and the same zod schemas
 * that validate requests (so the document cannot drift from what the handlers accept), with every
 * status each operation can answer and, per error status, the `error.code` values it can carry.
 */
export function openApiDocument(routes: readonly RouteSpec[], docs: OperationDocs, named: NamedSchemas, serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorAnswers: Record<string, unknown> = {};
  const responseSchemas = namedResponseSchemas(named);
  for (const route of routes) {
    const doc = docs[`${route.method} ${route.path}`];
    if (!doc) throw new Error(`No OpenAPI doc for ${route.method} ${route.path}`);
    const paramSchemas = (doc.params ? schema(doc.params, 'input').properties : {}) as Record<string, unknown>;
    const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
      if (!paramSchemas[name!]) throw new Error(`No schema for the path parameter ${name} of ${route.method} ${route.path}`);
      return { name, in: 'path', required: true, schema: paramSchemas[name!] };
    });
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      summary: doc.summary,
      description: doc.description,
      tags: [doc.tag],
      operationId: route.handler,
      security: security(route),
      ...(route.auth === 'partner' && route.scope && { 'x-api-key-scope': route.scope }),
      parameters: [...pathParameters, ...queryParameters(doc.query), ...(isIdempotent(route) ? [ref('parameters', 'IdempotencyKey')] : [])],
      // A body the route accepts absent (e.g. the preview step of a client operation) is not required.
      ...(doc.body && {
        requestBody: {
          required: !z.safeParse(doc.body, undefined).success,
          content: { 'application/json': { schema: schema(doc.body, 'input'), example: doc.examples.body } },
        },
      }),
      responses: { ...successResponses(doc, responseSchemas.output), ...errorResponses([...impliedErrors(route, doc), ...(doc.errors ?? [])], doc, errorAnswers) },
    };
  }
  const usedTags = new Set(Object.values(docs).map((doc) => doc.tag));
  return {
    openapi: '3.0.3',
    info: {
      title: 'partnerdesk API',
      version: '1.0.0',
      description: 'The partner program of a public cloud: applications to become a partner, partners\' clients with ' +
        'their invitations, balances, and block / unblock / delete.\n\n' +
        'Every error is `{"error":{"code","message","details","requestId"}}`; `requestId` is also the `x-request-id` header ' +
        'of every response, the id to quote to support. Each operation lists its error statuses and the codes ' +
        'each can carry. API Gateway itself may also answer, with its own body `{"message"}`: 429 when the stage ' +
        'is throttled, 413 for a body over 10 MB, 500/503 when a function cannot run.\n\n' +
        'Answers of 1 KB and more are gzipped for a caller that sends `Accept-Encoding: gzip` (`Content-Encoding: gzip`, ' +
        '`Vary: Accept-Encoding`).',
      contact: { name: 'partnerdesk team' },
      license: { name: 'Proprietary' },
    },
    servers: [{ url: serverUrl, description: 'This API (the served document names the address it was fetched from)' }],
    tags: Object.entries(TAGS).filter(([name]) => usedTags.has(name as Tag)).map(([name, description]) => ({ name, description })),
    paths,
    // OpenAPI 3.1's `webhooks`, as an extension while the document stays 3.0: what partnerdesk POSTs to a partner's endpoints.
    'x-webhooks': Object.fromEntries(Object.entries(webhookPayloadDocs).map(([type, payload]) => [type, {
      post: {
        operationId: `webhook${type.replace(/(^|[._])([a-z])/g, (_, _sep: string, letter: string) => letter.toUpperCase())}`,
        tags: ['Webhooks'],
        // Nothing to send: the receiver checks the signature (its own secret), not a token of ours.
        security: [],
        summary: payload.summary,
        description: 'Signed as Standard Webhooks specifies: `webhook-id` (the event\'s id, kept by retries), `webhook-timestamp`, ' +
          '`webhook-signature` (`v1,<base64 HMAC-SHA256>`, two during a secret rotation). Answer 2xx within 10 s; anything else is retried.',
        requestBody: { required: true, content: { 'application/json': { schema: schema(payload.schema, 'output'), example: payload.example } } },
        responses: { '200': { description: 'Received (any 2xx)' } },
      },
    }])),
    components: {
      securitySchemes: {
        ...Object.fromEntries(Object.values(SECURITY_SCHEMES).map(({ name, description }) => [
          name, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description },
        ])),
        [API_KEY_SCHEME.name]: { type: 'http', scheme: 'bearer', bearerFormat: 'pdk_<key id>_<secret>', description: API_KEY_SCHEME.description },
      },
      parameters: { IdempotencyKey: IDEMPOTENCY_KEY },
      responses: Object.fromEntries(Object.entries(errorAnswers).sort(([a], [b]) => a.localeCompare(b))),
      schemas: Object.fromEntries(Object.entries(responseSchemas.components).sort(([a], [b]) => a.localeCompare(b))),
      headers: {
        RequestId: {
          description: 'The API request id (also `error.requestId` of an error): quote it to support', required: true, schema: { type: 'string' },
          example: REQUEST_ID_EXAMPLE,
        },
        RetryAfter: { description: 'Seconds to wait before retrying', required: true, schema: { type: 'string', pattern: '^\\d+$' }, example: '30' },
        Location: {
          description: 'Path of the client or application the answer shows', required: true, schema: { type: 'string' },
          example: '/clients/cli_0b7e3c9a5d1f4e2a8c6b4d2f0e9a7c5b',
        },
        ReferrerPolicy: { description: 'On the text/html page: the link (which holds the token) is never sent on', schema: { type: 'string' } },
        ContentSecurityPolicy: { description: 'On the text/html page: no scripts, no framing', schema: { type: 'string' } },
        CacheControl: { description: 'On the text/html page: `no-store`', schema: { type: 'string' } },
        NextCursor: { description: 'On a CSV page: the cursor of the next page (absent on the last)', schema: { type: 'string' } },
      },
    },
  };
}

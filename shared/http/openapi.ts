import * as z from 'zod/mini';
import type { AuthKind, RouteSpec } from '../routeTable';
import { REQUEST_ID_HEADER } from './requestId';
import { errorResponse } from './schemas/common';

/** What the OpenAPI document says about one route, beyond the route table. */
export interface OperationDoc {
  readonly summary: string;
  readonly tag: string;
  readonly body?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  /** Success status and body schema. */
  readonly status: number;
  readonly response?: z.ZodMiniType;
}

/** Operation docs by route key (`METHOD /path`). */
export type OperationDocs = Readonly<Record<string, OperationDoc>>;

const SECURITY: Readonly<Record<AuthKind, ReadonlyArray<Record<string, string[]>>>> = {
  public: [],
  partner: [{ bearer: [] }],
  manager: [{ bearer: [] }],
  system: [{ bearer: ['partnerdesk/billing.write'] }],
  console: [{ consoleIdToken: [] }],
};

/** Every response names its request (the id a partner quotes to support); defined once in `components.headers`. */
const REQUEST_ID_HEADERS = { [REQUEST_ID_HEADER]: { $ref: '#/components/headers/RequestId' } } as const;

function schema(type: z.ZodMiniType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(type, { io, target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function queryParameters(query: z.ZodMiniType | undefined): Array<Record<string, unknown>> {
  if (!query) return [];
  const properties = (schema(query, 'input').properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties).map(([name, property]) => ({ name, in: 'query', required: false, schema: property }));
}

/**
 * The OpenAPI 3.0 document of the API, generated from the route table and the same zod schemas
 * that validate requests (so the document cannot drift from what the handlers accept).
 */
export function openApiDocument(routes: readonly RouteSpec[], docs: OperationDocs, serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const doc = docs[`${route.method} ${route.path}`];
    if (!doc) throw new Error(`No OpenAPI doc for ${route.method} ${route.path}`);
    const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      summary: doc.summary,
      tags: [doc.tag],
      operationId: route.handler,
      security: SECURITY[route.auth],
      parameters: [
        ...pathParameters,
        ...queryParameters(doc.query),
        ...(route.method === 'POST' || route.method === 'DELETE'
          ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } }]
          : []),
      ],
      // A body the route accepts absent (e.g. the preview step of a client operation) is not required.
      ...(doc.body && { requestBody: { required: !z.safeParse(doc.body, undefined).success, content: { 'application/json': { schema: schema(doc.body, 'input') } } } }),
      responses: {
        [String(doc.status)]: {
          description: doc.summary,
          headers: REQUEST_ID_HEADERS,
          ...(doc.response && { content: { 'application/json': { schema: schema(doc.response, 'output') } } }),
        },
        default: {
          description: 'Error',
          headers: REQUEST_ID_HEADERS,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'partnerdesk API', version: '1.0.0', description: 'Partner program of a public cloud.' },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        consoleIdToken: {
          type: 'http', scheme: 'bearer', bearerFormat: 'JWT',
          description: 'ID token of a cloud console user (the owner of a cloud account), naming the account in `custom:accountId`',
        },
      },
      schemas: { Error: schema(errorResponse, 'output') },
      headers: { RequestId: { description: 'The API request id, also `error.requestId` of an error', schema: { type: 'string' } } },
    },
  };
}

/** Response schemas and OpenAPI docs of the block / unblock / delete routes (build time only: no route bundles them). */
import * as z from 'zod/mini';
import { CLIENT_STATUSES } from '../../domain/clients/Client';
import {
  CLIENT_OPERATIONS,
  MAX_CLIENTS_PER_OPERATION,
  OPERATION_RESULTS,
  PREVIEW_OUTCOMES,
  SIGN_IN_ANSWERS,
  SKIP_REASONS,
} from '../../domain/clients/decideClientOperation';
import type { OperationDocs } from '../openapi';
import { bulkOperationBody } from '../schemas/bulkClientOperation';
import { singleOperationBody } from '../schemas/clientOperations';
import { idParams } from '../schemas/idParams';

const status = z.enum(CLIENT_STATUSES);

/** A preview: what would happen to each client, and the token that confirms exactly this. */
export const operationPreviewView = z.object({
  /** True when something would change: send the same request again with `confirm`. */
  confirmationRequired: z.boolean(),
  action: z.enum(CLIENT_OPERATIONS),
  confirmation: z.nullable(z.object({ token: z.string(), expiresAt: z.iso.datetime() })),
  clients: z.array(z.object({
    clientId: z.string(),
    outcome: z.enum(PREVIEW_OUTCOMES),
    status: z.optional(status),
    reason: z.optional(z.enum(SKIP_REASONS)),
  })),
  summary: z.object({ willChange: z.number(), skipped: z.number(), notFound: z.number() }),
});

/** What happened to each client. */
export const operationResultView = z.object({
  action: z.enum(CLIENT_OPERATIONS),
  results: z.array(z.object({
    clientId: z.string(),
    result: z.enum(OPERATION_RESULTS),
    status: z.optional(status),
    reason: z.optional(z.string()),
    signIn: z.optional(z.enum(SIGN_IN_ANSWERS)),
  })),
  summary: z.object({ done: z.number(), skipped: z.number(), notFound: z.number(), failed: z.number() }),
});

const TWO_STEPS =
  'Without `confirm`: a preview of what would happen and a confirmation token, valid 5 minutes, single use, bound to ' +
  'exactly this action and client set. With `{"confirm": token}`: runs it and reports per client (`done`, `skipped`, `not_found`, `failed`). ' +
  'Token errors: 422 `confirmation_invalid` / `confirmation_mismatch` / `confirmation_expired`, 409 `confirmation_used`.';

const previewOrResults = z.union([operationPreviewView, operationResultView]);

/** What the token of a confirmation can answer. */
const CONFIRMATION_ERRORS = ['confirmation_invalid', 'confirmation_mismatch', 'confirmation_expired', 'confirmation_used'] as const;

const CLIENT_ID = 'cli_0b7e3c9a5d1f4e2a8c6b4d2f0e9a7c5b';
const TOKEN = 'pQ3v8Zr1YkT0bN6wXe2LcJ5uHs9AaFd4GmK7iOy_E-c';

/** Confirming the block of one client, and its result. */
const blockExamples = {
  body: { confirm: TOKEN },
  response: {
    action: 'block',
    results: [{ clientId: CLIENT_ID, result: 'done', status: 'blocked', signIn: 'refused' }],
    summary: { done: 1, skipped: 0, notFound: 0, failed: 0 },
  },
};

/** OpenAPI docs of the block / unblock / delete routes. */
export const clientOperationOperations: OperationDocs = {
  'POST /clients/{id}/block': {
    params: idParams,
    summary: 'Block a client',
    description: `Block a client: it can no longer log in to the console; its resources keep running. ${TWO_STEPS}`,
    tag: 'Client operations', body: singleOperationBody, response: previewOrResults,
    success: { 200: 'Without `confirm`: the preview and its token; with it: the result' },
    examples: blockExamples, errors: ['not_found', ...CONFIRMATION_ERRORS],
  },
  'POST /clients/{id}/unblock': {
    params: idParams,
    summary: 'Unblock a client',
    description: `Unblock a client: its console login works again. ${TWO_STEPS}`,
    tag: 'Client operations', body: singleOperationBody, response: previewOrResults,
    success: { 200: 'Without `confirm`: the preview and its token; with it: the result' },
    examples: {
      // The preview: sent without a body, or with an empty object.
      body: {},
      response: {
        confirmationRequired: true, action: 'unblock', confirmation: { token: TOKEN, expiresAt: '2026-12-01T09:35:00.000Z' },
        clients: [{ clientId: CLIENT_ID, outcome: 'will_unblock', status: 'blocked' }],
        summary: { willChange: 1, skipped: 0, notFound: 0 },
      },
    },
    errors: ['not_found', ...CONFIRMATION_ERRORS],
  },
  'DELETE /clients/{id}': {
    params: idParams,
    summary: 'Delete a client',
    description: 'Delete a client: detached from you (no longer listed, no balance access, a pending invitation is cancelled); ' +
      `the cloud account and its resources stay and it may be invited again. ${TWO_STEPS}`,
    tag: 'Client operations', body: singleOperationBody, response: previewOrResults,
    success: { 200: 'Without `confirm`: the preview and its token; with it: the result' },
    examples: {
      body: { confirm: TOKEN },
      response: { action: 'delete', results: [{ clientId: CLIENT_ID, result: 'done', status: 'detached', signIn: 'allowed' }], summary: { done: 1, skipped: 0, notFound: 0, failed: 0 } },
    },
    errors: ['not_found', ...CONFIRMATION_ERRORS],
  },
  'POST /clients/bulk': {
    summary: 'Block, unblock or delete many clients',
    description: `Block, unblock or delete up to ${MAX_CLIENTS_PER_OPERATION} clients at once. ${TWO_STEPS}`,
    tag: 'Client operations', body: bulkOperationBody, response: previewOrResults,
    success: { 200: 'Without `confirm`: the preview and its token; with it: the result per client' },
    examples: {
      body: { action: 'block', clientIds: [CLIENT_ID, 'cli_7a5c3e1b9d8f4a2c6e0b8d6f4a2c0e9d'] },
      response: {
        confirmationRequired: true, action: 'block', confirmation: { token: TOKEN, expiresAt: '2026-12-01T09:35:00.000Z' },
        clients: [
          { clientId: CLIENT_ID, outcome: 'will_block', status: 'active' },
          { clientId: 'cli_7a5c3e1b9d8f4a2c6e0b8d6f4a2c0e9d', outcome: 'skipped', status: 'invited', reason: 'not_active' },
        ],
        summary: { willChange: 1, skipped: 1, notFound: 0 },
      },
    },
    errors: CONFIRMATION_ERRORS,
  },
};

/** How the block / unblock / delete routes show a preview and a result. */
import type * as z from 'zod/mini';
import type { ClientOperation, ClientOperationResult } from '../../domain/clients/decideClientOperation';
import type { ClientOperationPreview } from '../../domain/clients/runClientOperation';
import type { operationPreviewView, operationResultView } from '../docs/clientOperations';

/** Renders a preview. */
export function toOperationPreviewView(preview: ClientOperationPreview): z.infer<typeof operationPreviewView> {
  const count = (test: (outcome: string) => boolean) => preview.clients.filter((client) => test(client.outcome)).length;
  return {
    confirmationRequired: preview.confirmation !== undefined,
    action: preview.operation,
    confirmation: preview.confirmation
      ? { token: preview.confirmation.token, expiresAt: preview.confirmation.expiresAt.toISOString() }
      : null,
    clients: preview.clients.map((client) => ({ ...client })),
    summary: {
      willChange: count((outcome) => outcome.startsWith('will_')),
      skipped: count((outcome) => outcome === 'skipped'),
      notFound: count((outcome) => outcome === 'not_found'),
    },
  };
}

/** Renders the results of a confirmed operation. */
export function toOperationResultView(operation: ClientOperation, results: readonly ClientOperationResult[]): z.infer<typeof operationResultView> {
  const count = (result: ClientOperationResult['result']) => results.filter((entry) => entry.result === result).length;
  return {
    action: operation,
    results: results.map((result) => ({ ...result })),
    summary: { done: count('done'), skipped: count('skipped'), notFound: count('not_found'), failed: count('failed') },
  };
}

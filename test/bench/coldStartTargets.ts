/**
 * The cold-start and size targets of issue 19: ahead of the best-known peer, close to the library
 * floor. Which peer target a function has depends on what it is.
 */
import type { HttpMethod } from '../../shared/routeTable';

/** What a benchmarked function is, as the route table declares it. */
export type FunctionKind = { readonly kind: 'route'; readonly method: HttpMethod } | { readonly kind: 'job' } | { readonly kind: 'trigger' };

/** A function's cold start at most this many times the peer's. */
export interface PeerTarget {
  readonly label: 'read' | 'write';
  readonly maxPeerRatio: number;
}

const READ: PeerTarget = { label: 'read', maxPeerRatio: 0.65 };
const WRITE: PeerTarget = { label: 'write', maxPeerRatio: 0.8 };

/** Cold start at most this fraction above the function's library floor. */
export const MAX_OVER_FLOOR = 0.1;

/** Bundle at most this many KB over the function's library floor. */
export const MAX_KB_OVER_FLOOR = 40;

/**
 * The peer target of a function: a GET route reads, any other route writes. A Cognito trigger is
 * held to the read target: a user waits for it inside every sign-in and token refresh, and it only
 * reads there (the token trigger writes once in a user's life, at the first sign-in). A scheduled
 * or on-demand job is held to the write target: it writes, and nobody waits for it.
 */
export function peerTargetOf(fn: FunctionKind): PeerTarget {
  switch (fn.kind) {
    case 'route':
      return fn.method === 'GET' ? READ : WRITE;
    case 'trigger':
      return READ;
    case 'job':
      return WRITE;
  }
}

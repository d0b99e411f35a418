import type { MiddlewareObj } from '@middy/core';

/** What a floor function receives: a token for the JWT check and a query for the schema. */
export interface FloorEvent {
  readonly token: string;
  readonly query: unknown;
}

/**
 * One fixed library used once the way partnerdesk's functions use it, with no partnerdesk code: a
 * call made per request, or a middleware (which needs middy). A library floor is made of the uses
 * of the libraries a function bundles (`libraryFloor.ts`).
 */
export interface FloorUse {
  readonly run?: (event: FloorEvent) => Promise<unknown>;
  readonly middleware?: () => MiddlewareObj;
}

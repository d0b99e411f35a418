/** A floor handler behind middy: the uses' middlewares, then their calls in order. */
import middy from '@middy/core';
import type { FloorEvent, FloorUse } from './FloorUse';

export function floorHandler(uses: readonly FloorUse[]) {
  const handler = middy(async (event: FloorEvent): Promise<void> => {
    for (const use of uses) await use.run?.(event);
  });
  for (const use of uses) if (use.middleware) handler.use(use.middleware());
  return handler;
}

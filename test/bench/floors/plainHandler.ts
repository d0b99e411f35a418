/** A floor handler without middy (jobs, Cognito triggers): the uses' calls in order. */
import type { FloorEvent, FloorUse } from './FloorUse';

export function floorHandler(uses: readonly FloorUse[]) {
  return async (event: FloorEvent): Promise<void> => {
    for (const use of uses) await use.run?.(event);
  };
}

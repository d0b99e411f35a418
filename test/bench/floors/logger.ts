/** A Powertools Logger loaded and created when a request fails, as the routes load theirs on a 5xx only. */
import type { FloorUse } from './FloorUse';

export const floorUse: FloorUse = {
  run: async () => {
    const { Logger } = await import('@aws-lambda-powertools/logger');
    new Logger({ serviceName: 'floor' }).error('failed');
  },
};

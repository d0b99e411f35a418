/** A Powertools Logger created when the module loads, as the jobs create theirs (they log every run). */
import { Logger } from '@aws-lambda-powertools/logger';
import type { FloorUse } from './FloorUse';

const logger = new Logger({ serviceName: 'floor' });

export const floorUse: FloorUse = { run: async () => logger.info('run') };

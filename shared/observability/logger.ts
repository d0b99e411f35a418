import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger. Never log tokens, email addresses or request bodies:
 * log ids (application, client, partner) and error codes instead.
 */
export const logger = new Logger({ serviceName: 'partnerdesk' });

import { documentClient, installStandIns } from '../compositionRoot';
import { LocalAccountDirectory } from './LocalAccountDirectory';
import { LocalEventStore } from './LocalEventStore';

/**
 * Runs this process's handlers on the local stand-ins of Cognito and EventBridge (tables on the
 * same DynamoDB). Called by the local stack and the jest set-up, never by a Lambda function.
 */
export function installLocalStandIns(): void {
  installStandIns({
    accountDirectory: () => new LocalAccountDirectory(documentClient()),
    eventPublisher: () => new LocalEventStore(documentClient()),
  });
}

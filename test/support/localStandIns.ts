/** Jest set-up of the projects that run handlers in-process: they use the local stand-ins of Cognito and EventBridge. */
import { installLocalStandIns } from '../../shared/adapters/local/installLocalStandIns';

installLocalStandIns();

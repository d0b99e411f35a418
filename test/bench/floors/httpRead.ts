/** Library floor of a read route: the HTTP stack's libraries and one DynamoDB read. */
import { floorRoute } from './httpStack';

export const handler = floorRoute();

/** Jest set-up of the projects that run handlers in-process: they use the local stand-ins of Cognito and EventBridge. */
import { installLocalStandIns } from '../../shared/adapters/local/installLocalStandIns';
import { PARTNER_ROUTE_ROLES, routeRolesEnvironment } from '../../shared/http/routeRoles';
import { PARTNER_ROUTE_SCOPES, routeScopesEnvironment } from '../../shared/http/routeScopes';
import { routes } from '../../shared/routeTable';

installLocalStandIns();

// The member roles of every partner route, as the local stack gives its one process (the stack gives each function its own).
process.env[PARTNER_ROUTE_ROLES] = routeRolesEnvironment(routes);
process.env[PARTNER_ROUTE_SCOPES] = routeScopesEnvironment(routes);

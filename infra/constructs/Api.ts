import { Duration, NestedStack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { corsPolicy } from '../../shared/http/cors';
import type { RouteSpec } from '../../shared/routeTable';
import { type SharedResources, ServiceFunction } from './ServiceFunction';
import { PARTNER_ROUTE_ROLES, routeRolesEnvironment } from '../../shared/http/routeRoles';
import { PARTNER_ROUTE_SCOPES, routeScopesEnvironment } from '../../shared/http/routeScopes';

/** Why no route has an API Gateway authorizer (the cdk-nag suppression reason). */
const AUTHORIZATION_IN_FUNCTIONS =
  'JWTs are verified inside the functions (jose, Cognito JWKS) so 401/403 use the API\'s one error shape and the ' +
  'same path runs locally; therefore the HTTP API routes have no API Gateway authorizer.';

/**
 * One JSON line per request, with HTTP API context variables only (no bodies, no tokens). The route
 * key (`GET /invitations/{token}`) names the route, never the path: paths carry invitation tokens.
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/**
 * The stage's default limit, shared by every caller of every route (docs/decisions.md, issue 25 and
 * "A partner's limit is a team's"): 3 million calls a month is ≈ 1.2 requests/s on average and ≈ 4/s
 * over working hours; 100 partners busy at once at their own limit (600 a minute = 10/s each) need
 * 1,000/s — ≈ 60 concurrent Lambda runs at ≈ 60 ms each, within a new on-demand table's 4,000 writes
 * and 12,000 reads a second. The account's own limit (10,000/s per region) is far above.
 */
export const STAGE_THROTTLE: ThrottleSettings = { rateLimit: 1000, burstLimit: 2000 };

/**
 * Route-level limits of the public routes (no token), so that a flood of anonymous calls cannot use
 * the stage's limit that partners share. HTTP APIs throttle a route by its key in the stage's
 * `RouteSettings` (API Gateway developer guide, "Throttling requests to your HTTP API").
 */
export const PUBLIC_ROUTE_THROTTLES: Readonly<Record<string, ThrottleSettings>> = {
  // The partner application form: a few hundred applications a month; 5/s is far above any honest use.
  createPartnerApplication: { rateLimit: 5, burstLimit: 10 },
  // The invitation page: one client opens one link, mostly once (its answers need the console user's token).
  viewInvitation: { rateLimit: 10, burstLimit: 20 },
  // The OpenAPI document: integrators read it now and then; the console does not need it.
  getOpenApiDocument: { rateLimit: 2, burstLimit: 5 },
};

/** The limit of a public route that the table above does not name. */
export const DEFAULT_PUBLIC_ROUTE_THROTTLE: ThrottleSettings = { rateLimit: 5, burstLimit: 10 };

/** The API Gateway route key of a route, e.g. `GET /clients/{id}`. */
export function routeKey(route: RouteSpec): string {
  return `${route.method} ${route.path}`;
}

/**
 * The area of a route: its first path segment in PascalCase (`/partner-applications/{id}` →
 * `PartnerApplications`). Each area's functions live in a nested stack of their own, so that no
 * stack nears CloudFormation's 500 resources as routes are added, and a route never moves from one
 * stack to another (which would create its route key twice during the update).
 */
export function routeArea(route: RouteSpec): string {
  const [segment = ''] = route.path.split('/').filter(Boolean);
  return segment.split(/[^A-Za-z0-9]+/).filter(Boolean).map((word) => word[0]?.toUpperCase() + word.slice(1)).join('') || 'Root';
}

/**
 * Maximum run time of a route's function. API Gateway ends an integration at 30 s whatever the
 * function's timeout, so a route's timeout must stay below that ceiling (held by a test on the
 * template). A confirmed bulk of 500 clients takes well under a third of it (docs/benchmark.md).
 */
export const ROUTE_TIMEOUT = Duration.seconds(10);

/** API Gateway's limit on an HTTP API integration's run time: the ceiling of `ROUTE_TIMEOUT`. */
export const API_GATEWAY_INTEGRATION_LIMIT = Duration.seconds(30);

/** Props of {@link Api}. */
export interface ApiProps {
  /** The route table (`shared/routeTable.ts`): one function and one API route per entry. */
  readonly routes: readonly RouteSpec[];
  /** Comma-separated browser origins allowed by CORS (`ALLOWED_ORIGINS`). */
  readonly allowedOrigins: string;
  /** The resources the routes' `uses` refer to. */
  readonly resources: SharedResources;
  /** Settings every function gets (mail addresses, public base URL, service name). */
  readonly environment: Readonly<Record<string, string>>;
  /** Request rate limits of the default stage; default {@link STAGE_THROTTLE}. */
  readonly throttle?: ThrottleSettings;
  /** What `auth: 'console'` routes verify console users' tokens against. */
  readonly consoleTokens: Readonly<Record<string, string>>;
}

/**
 * The HTTP API: one Lambda function per route of the route table, grouped by area into nested
 * stacks ({@link routeArea}), CORS from `shared/http/cors.ts`, a `$default` stage with access logs,
 * a default throttle and route-level throttles for the public routes.
 *
 * Authentication: JWTs are verified inside the functions (jose against the Cognito JWKS, see
 * `shared/http/authenticate.ts`) so that 401/403 answers use the API's one error shape and the same
 * code path runs locally; therefore the routes have no API Gateway authorizer.
 *
 * @example
 * const api = new Api(this, 'Api', { routes, allowedOrigins: 'https://console.example.com', resources, environment, consoleTokens });
 */
export class Api extends Construct {
  /** The HTTP API. */
  public readonly httpApi: HttpApi;
  /** The `$default` stage. */
  public readonly stage: HttpStage;
  /** Where API Gateway writes one access-log line per request. */
  public readonly accessLogs: LogGroup;
  /** The functions by handler name. */
  public readonly functions: ReadonlyMap<string, NodejsFunction>;
  /** The nested stack of each area's routes, by area. */
  public readonly areaStacks: ReadonlyMap<string, NestedStack>;

  public constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const cors = corsPolicy(props.allowedOrigins);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...cors.allowOrigins],
        allowHeaders: [...cors.allowHeaders],
        allowMethods: Object.values(CorsHttpMethod).filter((method) => cors.allowMethods.includes(method)),
        exposeHeaders: [...cors.exposeHeaders],
        maxAge: Duration.seconds(cors.maxAgeSeconds),
      },
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? STAGE_THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: ACCESS_LOG_FORMAT },
    });
    this.throttlePublicRoutes(props.routes);

    const environment = {
      ...props.environment,
      AUTH_JWKS_URL: props.resources.auth.jwksUrl,
      AUTH_ISSUER: props.resources.auth.issuer,
      AUTH_AUDIENCES: props.resources.auth.audiences.join(','),
      AUTH_MACHINE_CLIENTS: props.resources.auth.machineClients.join(','),
      AUTH_ALGORITHMS: 'RS256',
      ALLOWED_ORIGINS: cors.allowOrigins.join(','),
    };
    const functions = new Map<string, NodejsFunction>();
    const areaStacks = new Map<string, NestedStack>();
    for (const route of props.routes) {
      const area = routeArea(route);
      let areaStack = areaStacks.get(area);
      if (!areaStack) {
        // Unindented: CloudFormation's 1 MB template limit (see PartnerdeskStack's nested stacks).
        areaStack = new NestedStack(this, `${area}Routes`, {
          description: `partnerdesk API routes under /${route.path.split('/')[1] ?? ''}`, suppressTemplateIndentation: true,
        });
        // The stage names the public routes in its RouteSettings: it is updated after the routes exist.
        this.stage.node.addDependency(areaStack);
        areaStacks.set(area, areaStack);
      }
      functions.set(route.handler, this.addRoute(areaStack, route, {
        ...environment,
        ...(route.auth === 'console' && props.consoleTokens),
        // The member roles of this function's route (the membership check refuses the others).
        ...(route.auth === 'partner' && { [PARTNER_ROUTE_ROLES]: routeRolesEnvironment([route]) }),
        // The API-key scope of this function's route, where it takes keys (issue 33).
        ...(route.auth === 'partner' && route.scope && { [PARTNER_ROUTE_SCOPES]: routeScopesEnvironment([route]) }),
      }, props.resources));
    }
    this.functions = functions;
    this.areaStacks = areaStacks;
  }

  /** The function of a route and its API route, in the area's stack. */
  private addRoute(scope: Construct, route: RouteSpec, environment: Readonly<Record<string, string>>, resources: SharedResources): NodejsFunction {
    const { function: fn } = new ServiceFunction(scope, route.handler, {
      handler: route.handler,
      uses: route.uses,
      resources,
      environment,
      timeout: ROUTE_TIMEOUT,
    });
    const httpRoute = new HttpRoute(scope, `${route.handler}Route`, {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration: new HttpLambdaIntegration(`${route.handler}Integration`, fn),
    });
    Validations.of(httpRoute).acknowledge(
      { id: 'AwsSolutions-APIG4', reason: AUTHORIZATION_IN_FUNCTIONS },
      { id: 'AwsSolutions-COG4', reason: AUTHORIZATION_IN_FUNCTIONS },
    );
    return fn;
  }

  /** Route settings of the stage: each public route gets its own, lower limit. */
  private throttlePublicRoutes(routes: readonly RouteSpec[]): void {
    const cfnStage = this.stage.node.defaultChild;
    if (!(cfnStage instanceof CfnStage)) throw new Error(`${this.stage.node.path} has no CloudFormation resource`);
    // RouteSettings is a JSON map in CloudFormation: CDK passes it as written, so the keys are CloudFormation's own.
    const settings: Record<string, { ThrottlingRateLimit?: number; ThrottlingBurstLimit?: number }> = {};
    for (const route of routes.filter((candidate) => candidate.auth === 'public')) {
      const limit = PUBLIC_ROUTE_THROTTLES[route.handler] ?? DEFAULT_PUBLIC_ROUTE_THROTTLE;
      settings[routeKey(route)] = { ThrottlingRateLimit: limit.rateLimit, ThrottlingBurstLimit: limit.burstLimit };
    }
    cfnStage.routeSettings = settings;
  }
}

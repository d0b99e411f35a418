import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
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
  /** Request rate limits of the default stage. */
  readonly throttle?: ThrottleSettings;
  /** What `auth: 'console'` routes verify console users' tokens against. */
  readonly consoleTokens: Readonly<Record<string, string>>;
}

/**
 * The HTTP API: one Lambda function per route of the route table, CORS from `shared/http/cors.ts`,
 * a `$default` stage with access logs and throttling.
 *
 * Authentication: JWTs are verified inside the functions (jose against the Cognito JWKS, see
 * `shared/http/authenticate.ts`) so that 401/403 answers use the API's one error shape and the same
 * code path runs locally; therefore the routes have no API Gateway authorizer.
 *
 * @example
 * const api = new Api(this, 'Api', { routes, allowedOrigins: 'https://console.example.com', resources, environment });
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
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: ACCESS_LOG_FORMAT },
    });

    const resources = props.resources;
    const environment = {
      ...props.environment,
      AUTH_JWKS_URL: resources.auth.jwksUrl,
      AUTH_ISSUER: resources.auth.issuer,
      AUTH_AUDIENCES: resources.auth.audiences.join(','),
      AUTH_MACHINE_CLIENTS: resources.auth.machineClients.join(','),
      AUTH_ALGORITHMS: 'RS256',
      ALLOWED_ORIGINS: cors.allowOrigins.join(','),
    };
    const functions = new Map<string, NodejsFunction>();
    for (const route of props.routes) {
      const { function: fn } = new ServiceFunction(this, route.handler, {
        handler: route.handler,
        uses: route.uses,
        resources,
        environment: {
          ...environment,
          ...(route.auth === 'console' && props.consoleTokens),
          // The member roles of this function's route (the membership check refuses the others).
          ...(route.auth === 'partner' && { [PARTNER_ROUTE_ROLES]: routeRolesEnvironment([route]) }),
        },
        timeout: Duration.seconds(10),
      });
      const [routeResource] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.handler}Integration`, fn),
      });
      if (routeResource) {
        Validations.of(routeResource).acknowledge(
          { id: 'AwsSolutions-APIG4', reason: AUTHORIZATION_IN_FUNCTIONS },
          { id: 'AwsSolutions-COG4', reason: AUTHORIZATION_IN_FUNCTIONS },
        );
      }
      functions.set(route.handler, fn);
    }
    this.functions = functions;
  }
}

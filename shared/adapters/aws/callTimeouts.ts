/**
 * How long one AWS call may take before the SDK gives up on it, per kind of caller. Without these
 * the SDK waits on a hung connection until the function's own timeout ends the whole invocation
 * (a route answers 504/500 instead of 503, a sign-in trigger spends Cognito's whole 5 s wait).
 *
 * `throwOnRequestTimeout`: since @smithy/node-http-handler 4.4 an exceeded `requestTimeout` only
 * logs a warning unless this is set, so the time-out would not end the attempt.
 */
export interface CallTimeouts {
  /** Milliseconds to open the TCP/TLS connection. */
  readonly connectionTimeout: number;
  /** Milliseconds from sending the request to the end of the response, per attempt. */
  readonly requestTimeout: number;
  /** Attempts in all, the first included (the SDK retries throttling and transient errors). */
  readonly maxAttempts: number;
}

/**
 * Routes and jobs: an API Gateway route has 30 s at most and our route functions 10 s, so three
 * attempts of (1 s + 2 s) plus the SDK's backoff end well inside the function, which then answers
 * 503 + Retry-After for a transient AWS error. DynamoDB answers in single-digit milliseconds, so 2 s
 * is a hung call, not a slow one.
 */
export const REQUEST_CALL_TIMEOUTS: CallTimeouts = { connectionTimeout: 1_000, requestTimeout: 2_000, maxAttempts: 3 };

/**
 * Mail and login directory calls (SES, Cognito admin API) take longer than a table read: 5 s per
 * attempt, two attempts; their callers keep an outbox, so a failed send is retried by a job.
 */
export const SLOW_CALL_TIMEOUTS: CallTimeouts = { connectionTimeout: 1_000, requestTimeout: 5_000, maxAttempts: 2 };

/**
 * Cognito sign-in triggers: Cognito waits 5 s for a trigger and the triggers' own timeout is 3 s, so
 * two attempts of (0.5 s + 0.8 s) plus backoff stay under 3 s and a hung call becomes a clean
 * refusal with a logged error instead of a sign-in that hangs until Cognito gives up.
 */
export const SIGN_IN_CALL_TIMEOUTS: CallTimeouts = { connectionTimeout: 500, requestTimeout: 800, maxAttempts: 2 };

/**
 * Against the local stand-ins (DynamoDB Local, the local SES: an endpoint is set) time-outs only
 * catch a hung process: DynamoDB Local is a Java process that, on a loaded 2-core machine, answers
 * a 100-item transaction in seconds, which in AWS would be a hung call.
 */
export const LOCAL_CALL_TIMEOUTS: CallTimeouts = { connectionTimeout: 5_000, requestTimeout: 60_000, maxAttempts: 3 };

/** `timeouts` for AWS itself, the local ones when `endpoint` points the client at a local stand-in. */
export function timeoutsFor(timeouts: CallTimeouts, endpoint: string | undefined): CallTimeouts {
  return endpoint ? LOCAL_CALL_TIMEOUTS : timeouts;
}

/** The SDK client configuration for these time-outs (spread into a client's constructor options). */
export function clientTimeoutConfig(timeouts: CallTimeouts): {
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: true };
} {
  return {
    maxAttempts: timeouts.maxAttempts,
    requestHandler: { connectionTimeout: timeouts.connectionTimeout, requestTimeout: timeouts.requestTimeout, throwOnRequestTimeout: true },
  };
}

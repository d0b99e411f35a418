import { type IAspect, Stack } from 'aws-cdk-lib';
import { CfnManagedPolicy, CfnPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { TRACING_ACTIONS } from './constructs/ServiceFunction';

/** One statement of a resolved IAM policy document. */
interface ResolvedStatement {
  readonly Effect?: string;
  readonly Action?: unknown;
  readonly Resource?: unknown;
}

/** Actions that may be allowed on `Resource: "*"`: X-Ray's, which have no resource-level permissions. */
const ALLOWED_ON_ANY_RESOURCE: ReadonlySet<string> = new Set(TRACING_ACTIONS);

/**
 * Fails the synth on any IAM statement that allows an action on `Resource: "*"` other than the two
 * X-Ray actions of active tracing. cdk-nag's `AwsSolutions-IAM5[Resource::*]` finding names the
 * resource but not the actions, so its acknowledgement on the functions' default policies cannot
 * tell X-Ray from anything else: this guard can.
 *
 * @example
 * Aspects.of(stack).add(new WildcardResourceGuard());
 */
export class WildcardResourceGuard implements IAspect {
  public visit(node: IConstruct): void {
    for (const document of policyDocuments(node)) {
      for (const statement of statementsOf(Stack.of(node).resolve(document))) {
        if (statement.Effect !== 'Allow' || ![statement.Resource].flat().includes('*')) continue;
        const others = [statement.Action].flat().filter((action) => typeof action !== 'string' || !ALLOWED_ON_ANY_RESOURCE.has(action));
        if (others.length > 0) {
          throw new Error(
            `${node.node.path} allows ${JSON.stringify(others)} on Resource "*": only ${[...ALLOWED_ON_ANY_RESOURCE].join(', ')} ` +
              'may be granted on every resource (X-Ray has no resource-level permissions). Grant the action on the resource it needs.',
          );
        }
      }
    }
  }
}

/** The policy documents a CloudFormation IAM resource carries, unresolved. */
function policyDocuments(node: IConstruct): unknown[] {
  if (node instanceof CfnPolicy || node instanceof CfnManagedPolicy) return [node.policyDocument];
  if (node instanceof CfnRole) {
    const inline = Stack.of(node).resolve(node.policies) as { policyDocument?: unknown }[] | undefined;
    return (inline ?? []).map((policy) => policy.policyDocument);
  }
  return [];
}

function statementsOf(document: unknown): ResolvedStatement[] {
  if (typeof document !== 'object' || document === null || !('Statement' in document)) return [];
  const statements = (document as { Statement: unknown }).Statement;
  return Array.isArray(statements) ? (statements as ResolvedStatement[]) : [];
}

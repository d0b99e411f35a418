import { CfnElement, type Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The logical id of a construct's CloudFormation resource in its stack's template. */
export function logicalId(stack: Stack, construct: IConstruct): string {
  const element = construct.node.defaultChild;
  if (!(element instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return stack.getLogicalId(element);
}

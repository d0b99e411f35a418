import { CfnElement, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';

/** The logical id of a construct's CloudFormation resource in the template of its own stack (nested or not). */
export function logicalId(construct: IConstruct): string {
  const element = construct instanceof CfnElement ? construct : construct.node.defaultChild;
  if (!(element instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(element).getLogicalId(element);
}

/** A resource of a synthesized template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown> & { [key: string]: any };
  readonly DependsOn?: string | string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/** Every nested stack below a stack, depth first. */
export function nestedStacksOf(stack: Stack): NestedStack[] {
  return stack.node.findAll().filter((construct): construct is NestedStack => construct instanceof NestedStack && construct !== stack);
}

/** Replaces `{ Ref: <parameter> }` by the value the parent passes for it, and a nested stack's `Outputs.<name>` by that output's value. */
function substitute(value: unknown, parameters: Readonly<Record<string, unknown>>, outputs: ReadonlyMap<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => substitute(item, parameters, outputs));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first?.[0] === 'Ref' && typeof first[1] === 'string' && Object.hasOwn(parameters, first[1])) {
    return substitute(parameters[first[1]], {}, outputs);
  }
  if (entries.length === 1 && first?.[0] === 'Fn::GetAtt' && Array.isArray(first[1])) {
    const [resource, attribute] = first[1] as [string, string];
    const output = outputs.get(`${resource}.${attribute}`);
    if (output !== undefined) return output;
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, substitute(item, parameters, outputs)]));
}

/**
 * The resources of a stack and of its nested stacks in one map, as if they were one template: a
 * nested stack's parameters are replaced by what the parent passes, and another nested stack's
 * outputs by their values (a table's ARN reads `{ "Fn::GetAtt": [<table>, "Arn"] }` and a function's
 * name `{ "Ref": <function> }` wherever they are used). Nested stacks one level deep, as the stack has them.
 */
export function flattenedResources(stack: Stack): Record<string, TemplateResource> {
  const resources: Record<string, TemplateResource> = { ...(Template.fromStack(stack).toJSON().Resources as Record<string, TemplateResource>) };
  // `<nested stack resource id>.Outputs.<name>` → the output's value, in the flattened terms.
  const outputs = new Map<string, unknown>();
  for (const nested of nestedStacksOf(stack)) {
    if (nested.nestedStackParent !== stack || !nested.nestedStackResource) continue;
    const stackResourceId = logicalId(nested.nestedStackResource);
    const parameters = (resources[stackResourceId]?.Properties.Parameters ?? {}) as Record<string, unknown>;
    const template = Template.fromStack(nested).toJSON() as { Resources: unknown; Outputs?: Record<string, { Value: unknown }> };
    const own = substitute(template.Resources, parameters, outputs) as Record<string, TemplateResource>;
    for (const [id, resource] of Object.entries(own)) {
      if (Object.hasOwn(resources, id)) throw new Error(`Logical id ${id} of ${nested.node.path} collides with another stack's`);
      resources[id] = resource;
    }
    for (const [name, output] of Object.entries(template.Outputs ?? {})) {
      outputs.set(`${stackResourceId}.Outputs.${name}`, substitute(output.Value, parameters, outputs));
    }
  }
  return resources;
}

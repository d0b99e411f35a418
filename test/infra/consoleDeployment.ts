import * as fs from 'node:fs';
import * as path from 'node:path';

/** The files of a synthesized BucketDeployment by path, deploy-time values written as {@link asSub} renders them. */
export type DeployedFiles = ReadonlyMap<string, string>;

/**
 * A CloudFormation value in `Fn::Sub` notation (`${Id}` for a Ref, `${Id.Attr}` for a GetAtt, joins
 * concatenated), so that a deploy-time value can be compared as one string.
 */
export function asSub(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const [name, argument] = entries[0] ?? [];
    if (entries.length === 1 && name === 'Ref' && typeof argument === 'string') return `\${${argument}}`;
    if (entries.length === 1 && name === 'Fn::GetAtt' && Array.isArray(argument)) return `\${${argument.join('.')}}`;
    if (entries.length === 1 && name === 'Fn::Join' && Array.isArray(argument) && Array.isArray(argument[1])) {
      return argument[1].map(asSub).join(String(argument[0]));
    }
  }
  throw new Error(`No Fn::Sub form for ${JSON.stringify(value)}`);
}

/** A resource of a synthesized template, as far as these helpers read it. */
interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/**
 * The files the one `Custom::CDKBucketDeployment` of a template writes, read from the staged
 * assets in `outdir`; each marker of `Source.data`/`Source.jsonData` is replaced by its CloudFormation
 * value in {@link asSub} form, so a test can see which resource a deploy-time value comes from.
 */
export function deployedFiles(resources: Record<string, TemplateResource>, outdir: string): DeployedFiles {
  const deployments = Object.values(resources).filter((resource) => resource.Type === 'Custom::CDKBucketDeployment');
  if (deployments.length !== 1) throw new Error(`Expected one BucketDeployment, found ${deployments.length}`);
  const properties = deployments[0]?.Properties ?? {};
  const keys = properties.SourceObjectKeys;
  const markerSets = Array.isArray(properties.SourceMarkers) ? properties.SourceMarkers : [];
  if (!Array.isArray(keys)) throw new Error('The BucketDeployment has no SourceObjectKeys');
  const files = new Map<string, string>();
  keys.forEach((key, index) => {
    const assetDir = path.join(outdir, `asset.${String(key).replace(/\.zip$/, '')}`);
    const markers: Record<string, unknown> = markerSets[index] ?? {};
    for (const file of fs.readdirSync(assetDir, { recursive: true, encoding: 'utf8' })) {
      if (fs.statSync(path.join(assetDir, file)).isDirectory()) continue;
      let content = fs.readFileSync(path.join(assetDir, file), 'utf8');
      for (const [marker, value] of Object.entries(markers)) content = content.split(marker).join(asSub(value));
      files.set(file.split(path.sep).join('/'), content);
    }
  });
  return files;
}

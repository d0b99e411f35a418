import * as fs from 'node:fs';
import * as path from 'node:path';

/** One source of a synthesized BucketDeployment: its files with deploy-time markers shown as the CloudFormation they become. */
export type DeployedFiles = ReadonlyMap<string, string>;

/** A resource of a synthesized template, as far as these helpers read it. */
interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/**
 * The files the one `Custom::CDKBucketDeployment` of a template writes, read from the staged
 * assets in `outdir`; each marker of `Source.data`/`Source.jsonData` is replaced by the JSON of its
 * CloudFormation value, so a test can see which resource a deploy-time value comes from.
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
      for (const [marker, value] of Object.entries(markers)) content = content.split(marker).join(JSON.stringify(value));
      files.set(file.split(path.sep).join('/'), content);
    }
  });
  return files;
}

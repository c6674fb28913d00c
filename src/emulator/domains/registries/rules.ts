/**
 * The registry rules other writes apply: a registry that does not allow every artifact type
 * refuses links of other types.
 *
 * @example
 * ```ts
 * import { checkRegistryAcceptsType } from './rules.js';
 * checkRegistryAcceptsType(project, 'dataset', 'linkArtifact'); // throws for a models-only registry
 * ```
 * @module
 */
import type { ProjectRecord } from '../projects/records.js';
import { isRegistry } from './records.js';

/**
 * Refuses an artifact of type `typeName` in `project` when it is a registry restricted to other
 * types: `<where>: registry wandb-registry-models does not allow artifacts of type "dataset"
 * (allowed: model)`. (The real server's text is not known.)
 *
 * @example
 * ```ts
 * checkRegistryAcceptsType(project, 'model', 'linkArtifact'); // fine when models are allowed
 * ```
 */
export function checkRegistryAcceptsType(project: ProjectRecord, typeName: string, where: string): void {
  if (!isRegistry(project) || project.allowAllArtifactTypesInRegistry) return;
  if (project.registryArtifactTypes.includes(typeName)) return;
  const allowed = project.registryArtifactTypes.join(', ') || 'none';
  throw new Error(
    `${where}: registry ${project.name} does not allow artifacts of type ${JSON.stringify(typeName)} (allowed: ${allowed})`,
  );
}

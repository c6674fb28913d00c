/**
 * The rule of artifact (collection) names, apart from the path parsers of `artifact-paths.ts`:
 * `api.newArtifact()` checks a name at once, so a browser app loads this rule with the page and
 * the parsers with the domain that needs them.
 *
 * @example
 * ```ts
 * checkArtifactName('mnist', 'name'); // 'mnist'
 * checkArtifactName('a/b', 'name'); // throws ValidationError
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { describeValue, MAX_NAME_LENGTH } from '../core/validate.js';

/**
 * Checks an artifact (collection) name as W&B's `validate_artifact_name` does: 1 to 128
 * characters, no `/`.
 *
 * @throws {@link ValidationError} naming `parameter`.
 * @example
 * ```ts
 * checkArtifactName('mnist', 'name'); // ok
 * checkArtifactName('a/b', 'name'); // throws ValidationError
 * ```
 */
export function checkArtifactName(name: unknown, parameter: string): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ValidationError(
      parameter,
      `expected an artifact name (a non-empty string), got ${describeValue(name)}`,
    );
  }
  const length = [...name].length;
  if (length > MAX_NAME_LENGTH) {
    throw new ValidationError(
      parameter,
      `the artifact name ${JSON.stringify(name.slice(0, 20))}... is ${length} characters long; at most ${MAX_NAME_LENGTH} are allowed`,
    );
  }
  if (name.includes('/')) {
    throw new ValidationError(parameter, `the artifact name ${JSON.stringify(name)} may not contain "/"`);
  }
  return name;
}

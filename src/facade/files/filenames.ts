/**
 * Run file names, as pure string logic (browser-safe): making a name upload-safe the way W&B does,
 * and turning a name the server sent into path segments that cannot lead outside a download folder.
 *
 * @example
 * ```ts
 * uploadSafeName('../logs\\out.txt'); // '__/logs/out.txt'
 * downloadSegments('media/images/a.png'); // ['media', 'images', 'a.png']
 * downloadSegments('../evil.txt'); // throws ValidationError
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';

function splitSegments(name: string): string[] {
  return name.split(/[\\/]/);
}

/**
 * The name a file is stored under when uploaded, made safe the way W&B does it: backslashes become
 * `/`, leading `/` are removed, and every `..` segment becomes `__` (so `../x.txt` is stored as
 * `__/x.txt`). Empty and `.` segments carry no meaning in a relative name and are dropped
 * (`a//./b` becomes `a/b`).
 *
 * @param parameter - the parameter named by the error (`name`, or `path` for a file on disk).
 * @throws {@link ValidationError} when `name` is not a string or nothing is left of it.
 * @example
 * ```ts
 * uploadSafeName('/abs/config.yaml'); // 'abs/config.yaml'
 * uploadSafeName('a\\..\\b.txt'); // 'a/__/b.txt'
 * uploadSafeName('./'); // throws ValidationError
 * ```
 */
export function uploadSafeName(name: unknown, parameter = 'name'): string {
  if (typeof name !== 'string') {
    throw new ValidationError(parameter, `expected a file name (a string), got ${typeof name}`);
  }
  if (name.includes('\0'))
    throw new ValidationError(parameter, 'a file name may not contain a NUL character');
  const segments = splitSegments(name)
    .filter((s) => s !== '' && s !== '.')
    .map((s) => (s === '..' ? '__' : s));
  if (segments.length === 0) {
    throw new ValidationError(
      parameter,
      `${JSON.stringify(name)} names no file; expected a relative name such as "logs/output.txt"`,
    );
  }
  return segments.join('/');
}

// Shared with every download (artifact files too), so they live in core/content.ts; re-exported
// here for the run-file code and tests that import them from this module.
export { downloadSegments, rootOption } from '../core/content.js';

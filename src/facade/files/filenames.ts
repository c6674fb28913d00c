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

/**
 * The path segments to write a run file to, below a download folder, from the file's name as the
 * server sent it. Anything that could end up outside the folder is refused: absolute names
 * (`/x`, `\x`, `C:x`), `..` segments, NUL characters, and names with no file in them. Both `/` and
 * `\` separate segments; empty and `.` segments are dropped.
 *
 * @throws {@link ValidationError} (parameter `name`) naming the file.
 * @example
 * ```ts
 * downloadSegments('./logs//out.txt'); // ['logs', 'out.txt']
 * downloadSegments('/etc/passwd'); // throws ValidationError
 * ```
 */
export function downloadSegments(name: string): string[] {
  const refuse = (why: string): ValidationError =>
    new ValidationError('name', `refusing to download ${JSON.stringify(name)}: ${why}`);
  if (typeof name !== 'string' || name === '') throw refuse('the file has no name');
  if (name.includes('\0')) throw refuse('the name contains a NUL character');
  if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name)) {
    throw refuse('an absolute name would be written outside the download folder');
  }
  const segments = splitSegments(name).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw refuse('a ".." segment would be written outside the download folder');
  if (segments.length === 0) throw refuse('the name has no file in it');
  return segments;
}

/**
 * The `root` option of `file.download()` and `run.uploadFile(path)`: a folder path (kept as
 * written), `.` (the working directory) when absent.
 *
 * @throws {@link ValidationError} (parameter `root`) for anything but a non-empty string.
 * @example
 * ```ts
 * rootOption(undefined); // '.'
 * rootOption('downloads/run-1'); // 'downloads/run-1'
 * rootOption(''); // throws ValidationError
 * ```
 */
export function rootOption(value: unknown): string {
  if (value === undefined) return '.';
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError('root', 'expected a folder path (a non-empty string)');
  }
  return value;
}

// Catching the error a call fails with, and checking what an error shows. Imports no emulator, so
// unit tests that use it stay light.
import { expect } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';

/** The ValidationError `fn` throws; fails the test (with `label`, if given) when it throws anything else or nothing. */
export function validationError(fn: () => unknown, label?: string): ValidationError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, label).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

/** The ValidationError `promise` rejects with; fails the test (with `label`, if given) otherwise. */
export async function validationRejection(
  promise: Promise<unknown>,
  label?: string,
): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, label).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

/** What `promise` rejects with; fails the test when it resolves. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

/** Every string reachable from an error: message, stack, `String()`, JSON form, own string properties, causes. */
export function errorTexts(e: unknown, depth = 0): string[] {
  if (depth >= 10 || e === null || e === undefined) return [];
  if (typeof e !== 'object') return [String(e)];
  const out: string[] = [];
  try {
    out.push(JSON.stringify(e) ?? '');
  } catch {
    // circular: covered by the parts below
  }
  if (e instanceof Error) out.push(e.message, e.stack ?? '', String(e), ...errorTexts(e.cause, depth + 1));
  for (const v of Object.values(e)) if (typeof v === 'string') out.push(v);
  return out;
}

/** Fails the test when any text of the error (see {@link errorTexts}) contains one of `secrets`. */
export function expectNotShown(error: unknown, ...secrets: string[]): void {
  for (const text of errorTexts(error)) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

/** Fails the test when the error shows the API key, plainly or as the Basic credential `base64("api:" + key)`. */
export function expectNoApiKey(error: unknown, key: string): void {
  expectNotShown(error, key, btoa(`api:${key}`));
}

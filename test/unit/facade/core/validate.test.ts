// The shared input checks of core/validate.ts that are not about names (see names.test.ts).
import { describe, expect, it } from 'vitest';
import { MAX_GRAPHQL_INT, optionalGraphQLInt } from '../../../../src/facade/core/validate.js';
import { validationError } from '../../../support/expect-errors.js';

describe('optionalGraphQLInt: integer options sent as a GraphQL Int', () => {
  it('accepts 1 to 2^31 - 1, and undefined', () => {
    expect(MAX_GRAPHQL_INT).toBe(2 ** 31 - 1);
    expect(optionalGraphQLInt(1, 'samples')).toBe(1);
    expect(optionalGraphQLInt(2 ** 31 - 1, 'samples')).toBe(2 ** 31 - 1);
    expect(optionalGraphQLInt(undefined, 'samples')).toBeUndefined();
  });

  it.each([2 ** 31, 2 ** 53, 0, -1, 1.5, NaN, Infinity, '10', null, 10n])(
    'rejects %s, naming the parameter',
    (n) => {
      const e = validationError(() => optionalGraphQLInt(n, 'pageSize'));
      expect(e.parameter).toBe('pageSize');
      expect(e.message).toContain('at most 2147483647');
    },
  );
});

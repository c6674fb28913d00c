import { describe, expect, it } from 'vitest';
import { parseServerDate } from '../../../../src/facade/core/dates.js';

describe('parseServerDate', () => {
  it.each([
    ['2024-01-05T10:00:00', '2024-01-05T10:00:00.000Z'],
    ['2024-01-05T10:00:00Z', '2024-01-05T10:00:00.000Z'],
    ['2024-01-05T10:00:00.123456', '2024-01-05T10:00:00.123Z'],
    ['2024-01-05 10:00:00', '2024-01-05T10:00:00.000Z'],
    ['2024-01-05T10:00', '2024-01-05T10:00:00.000Z'],
    ['2024-01-05T10:00:00+02:00', '2024-01-05T08:00:00.000Z'],
    ['2024-01-05T10:00:00+0200', '2024-01-05T08:00:00.000Z'],
    ['2024-01-05T10:00:00+02', '2024-01-05T08:00:00.000Z'],
    ['2024-01-05T10:00:00-05:30', '2024-01-05T15:30:00.000Z'],
    ['2024-01-05', '2024-01-05T00:00:00.000Z'],
  ])('reads %j as %s whatever the local time zone', (input, expected) => {
    expect(parseServerDate(input)?.toISOString()).toBe(expected);
  });

  it.each([null, undefined, '', 'yesterday', '2024-13-45T00:00:00', '2024-01-05T10:00:00+2'])(
    'gives undefined for %j',
    (input) => {
      expect(parseServerDate(input)).toBeUndefined();
    },
  );
});

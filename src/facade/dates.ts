/**
 * Parses a timestamp as the W&B server sends it. The server often omits the time zone
 * (`2024-01-05T10:00:00`), meaning UTC; JavaScript would read such a string as local time, so a
 * zone-less value is taken as UTC here.
 *
 * @example
 * ```ts
 * parseServerDate('2024-01-05T10:00:00').toISOString(); // '2024-01-05T10:00:00.000Z'
 * parseServerDate(null); // undefined
 * ```
 */
export function parseServerDate(value: string | null | undefined): Date | undefined {
  if (value == null || value === '') return undefined;
  const hasZone = /([zZ]|[+-]\d\d:?\d\d)$/.test(value);
  const date = new Date(hasZone || !value.includes('T') ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

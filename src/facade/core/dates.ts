/**
 * The ISO-8601 forms {@link parseServerDate} reads: a day (`2024-01-05`), optionally a time
 * (`T` or a space, `hh:mm`, optional seconds and fraction) and a zone (`Z`, `±hh`, `±hhmm`,
 * `±hh:mm`). Groups: 1 the day, 2 the time, 3 the zone. Only the form is checked, not whether the
 * day exists.
 *
 * @example
 * ```ts
 * ISO_DATE.exec('2024-01-05 10:00+02')?.slice(1); // ['2024-01-05', '10:00', '+02']
 * ```
 */
export const ISO_DATE =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses a timestamp as the W&B server sends it. The server may omit the time zone
 * (`2024-01-05T10:00:00`, or with a space instead of `T`), meaning UTC; JavaScript would read such
 * a string as local time, so a zone-less value is taken as UTC here. Offsets may be `Z`, `±hh`,
 * `±hhmm` or `±hh:mm`. Anything unparseable gives `undefined`.
 *
 * @example
 * ```ts
 * parseServerDate('2024-01-05T10:00:00').toISOString(); // '2024-01-05T10:00:00.000Z'
 * parseServerDate('2024-01-05 10:00:00+02').toISOString(); // '2024-01-05T08:00:00.000Z'
 * parseServerDate(null); // undefined
 * ```
 */
export function parseServerDate(value: string | null | undefined): Date | undefined {
  if (value == null) return undefined;
  const m = ISO_DATE.exec(value.trim());
  if (!m) return undefined;
  const [, day, time, zone] = m;
  let iso = `${day}T${time ?? '00:00:00'}`;
  if (!zone || zone === 'z' || zone === 'Z') iso += 'Z';
  else
    iso +=
      zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

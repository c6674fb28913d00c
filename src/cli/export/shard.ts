/**
 * Shards of an export (`--shard i/n`): run `id` belongs to shard `1 + (md5(id) mod n)`, reading
 * the first 4 bytes of the MD5 as a big-endian unsigned integer. The same id is always in the
 * same shard, on any machine, so n jobs with `--shard 1/n` ... `--shard n/n` export disjoint
 * parts whose union is every run.
 *
 * @example
 * ```ts
 * const shard = parseShard('2/4'); // { index: 2, count: 4 }
 * inShard('a1b2c3d4', shard); // true or false, the same every time
 * ```
 * @module
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../../node.js';

/**
 * One shard of `count` (`index` from 1 to `count`).
 *
 * @example
 * ```ts
 * const shard: Shard = { index: 1, count: 2 };
 * ```
 */
export interface Shard {
  /** This shard, 1 ... `count`. */
  index: number;
  /** How many shards in all. */
  count: number;
}

/**
 * A `--shard` value: `i/n` with whole numbers `1 <= i <= n`.
 *
 * @throws {@link ValidationError} naming `--shard` and the allowed form.
 * @example
 * ```ts
 * parseShard('1/8'); // { index: 1, count: 8 }
 * parseShard('0/8'); // throws: Invalid --shard: "0/8" is not i/n with whole numbers 1 <= i <= n (e.g. 1/4)
 * ```
 */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || index < 1 || index > count) {
    throw new ValidationError(
      '--shard',
      `${JSON.stringify(value)} is not i/n with whole numbers 1 <= i <= n (e.g. 1/4)`,
    );
  }
  return { index, count };
}

/**
 * The shard (1 ... `count`) that run `id` belongs to.
 *
 * @example
 * ```ts
 * shardOf('a1b2c3d4', 4); // 1, 2, 3 or 4
 * ```
 */
export function shardOf(id: string, count: number): number {
  const digest = createHash('md5').update(id, 'utf8').digest();
  return 1 + (digest.readUInt32BE(0) % count);
}

/**
 * Whether run `id` is in `shard` (always true without one).
 *
 * @example
 * ```ts
 * inShard('a1', undefined); // true
 * ```
 */
export function inShard(id: string, shard: Shard | undefined): boolean {
  return !shard || shardOf(id, shard.count) === shard.index;
}

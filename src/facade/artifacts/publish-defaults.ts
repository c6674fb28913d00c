/**
 * The defaults of `PublishOptions` that `wandb-api` exports: a module of their own, so that
 * importing them does not bring the publishing code (`publish.ts`, which `draft.publish()` loads on
 * first use) into a browser app's initial chunk.
 *
 * @example
 * ```ts
 * const parts = Math.ceil(size / DEFAULT_PART_SIZE);
 * ```
 * @module
 */

/**
 * The default of `PublishOptions.multipartThreshold`: 2 GiB, the official client's.
 *
 * @example
 * ```ts
 * const multipart = file.size >= DEFAULT_MULTIPART_THRESHOLD;
 * ```
 */
export const DEFAULT_MULTIPART_THRESHOLD = 2 * 1024 ** 3;
/**
 * The default of `PublishOptions.partSize`: 100 MiB, the official client's.
 *
 * @example
 * ```ts
 * await draft.publish({ partSize: 4 * DEFAULT_PART_SIZE });
 * ```
 */
export const DEFAULT_PART_SIZE = 100 * 1024 ** 2;

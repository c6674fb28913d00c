/**
 * The disk access syncTensorboard needs, injected by the Node build (`tensorboard.node.ts`).
 *
 * @example
 * ```ts
 * const io: TensorboardFiles = { list: async () => [], read: async () => new Uint8Array() };
 * ```
 * @module
 */

/**
 * Lists and reads the tfevents files under a root folder.
 *
 * @example
 * ```ts
 * for (const file of await io.list('logs')) console.log(file, (await io.read('logs', file)).length);
 * ```
 */
export interface TensorboardFiles {
  /**
   * Every file whose name contains `tfevents` under `rootDir`, recursively, relative to it
   * (`/`-separated): a folder's files in name order, then its subfolders in name order.
   * Throws `ValidationError` (`rootDir`) when it is not a readable folder.
   */
  list(rootDir: string): Promise<string[]>;
  /** The bytes of one listed file. */
  read(rootDir: string, file: string): Promise<Uint8Array>;
}

/**
 * What every resolver receives as its GraphQL context: the store, the signer of storage URLs and
 * the origin the client reached the server at (for the signed URLs it hands out).
 *
 * @example
 * ```ts
 * import type { EmulatorContext } from './context.js';
 * const context: EmulatorContext = { store, storage: signer, origin: 'http://127.0.0.1:8080' };
 * ```
 * @module
 */
import type { StorageSigner } from '../http/storage.js';
import type { EmulatorStore } from '../store/store.js';

/**
 * The context of one GraphQL request.
 *
 * @example
 * ```ts
 * const url = context.storage.sign('GET', run.id, file.name, context.origin);
 * ```
 */
export interface EmulatorContext {
  /** Everything the emulator knows. */
  store: EmulatorStore;
  /** Signs the storage URLs of files. */
  storage: StorageSigner;
  /** `http://<host>:<port>` as the client reached the server (its `Host` header). */
  origin: string;
}

/**
 * The Node build of wandb-api (what `import 'wandb-api'` resolves to under Node): everything the
 * core exports, with an {@link Api} that also finds the API key in `~/.netrc` (or `$NETRC`), the
 * way `wandb login` stores it. Browsers get the core build, which has no file access.
 *
 * @example
 * ```ts
 * import { Api } from 'wandb-api';
 * const api = new Api(); // WANDB_API_KEY, else the ~/.netrc entry for api.wandb.ai
 * ```
 * @module
 */
import { Api as CoreApi } from './facade/api.js';
import type { LocalFiles } from './io/files.js';
import { nodeFiles } from './io/files.node.js';
import { readNetrcKey } from './io/netrc.node.js';
import type { TensorboardFiles } from './io/tensorboard.js';
import { nodeTensorboardFiles } from './io/tensorboard.node.js';

export * from './index.js';

/**
 * The W&B public API client (Node build): like the core `Api`, plus the `~/.netrc` key fallback
 * and the file system (`file.download()`, `run.uploadFile(path)`).
 *
 * @example
 * ```ts
 * import { Api } from 'wandb-api';
 * const me = await new Api().viewer();
 * ```
 */
export class Api extends CoreApi {
  // Bundled beside the core's Api, this class is renamed (`Api2`) by esbuild: keep the name users see
  // in `constructor.name`, logs and stack traces.
  static {
    Object.defineProperty(this, 'name', { value: 'Api' });
  }

  /**
   * The `.netrc` password for `host:port`, else for the bare host name, else the `default` entry's.
   * @internal
   *
   * @example
   * ```ts
   * // ~/.netrc: machine api.wandb.ai login user password <key>
   * await new Api().viewer(); // authenticated with <key>
   * ```
   */
  protected override async fallbackApiKey(host: string): Promise<string | undefined> {
    const hostname = host.replace(/:\d+$/, '');
    return (
      (await readNetrcKey(host, { useDefault: false })) ??
      (hostname !== host ? await readNetrcKey(hostname, { useDefault: false }) : undefined) ??
      (await readNetrcKey(hostname))
    );
  }

  /**
   * Node's file system, for `file.download()` and `run.uploadFile(path)`.
   * @internal
   *
   * @example
   * ```ts
   * await (await run.file('config.yaml')).download({ root: 'out' }); // writes out/config.yaml
   * ```
   */
  protected override fileSystem(): LocalFiles {
    return nodeFiles;
  }

  /**
   * Node's file system, for `api.syncTensorboard(rootDir)`.
   * @internal
   *
   * @example
   * ```ts
   * await new Api().syncTensorboard('logs', { project: 'vision' }); // reads every tfevents file under logs/
   * ```
   */
  protected override tensorboardFiles(): TensorboardFiles {
    return nodeTensorboardFiles;
  }
}

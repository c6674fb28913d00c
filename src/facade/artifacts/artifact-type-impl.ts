/**
 * The code of {@link ArtifactType} (`ArtifactTypeImpl`, what every `ArtifactType` is: its
 * collections), loaded with the artifacts domain; `artifact-type.ts` is the light class
 * `wandb-api` exports.
 *
 * @example
 * ```ts
 * const type = new ArtifactTypeImpl(ctx, { entity: 'acme', project: 'vision' }, node);
 * for await (const collection of type.collections()) console.log(collection.name);
 * ```
 * @module
 */
import type { RequestOptions } from '../core/context.js';
import type { Paginated } from '../core/pagination.js';
import { optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import { checkArtifactName } from '../paths/artifact-name.js';
import { ArtifactType } from './artifact-type.js';
import type { ArtifactCollection, ArtifactCollectionsOptions } from './collection.js';
import { fetchCollection, listTypeCollections } from './collection-impl.js';

/**
 * What every {@link ArtifactType} is: the methods that list and get its collections (their TSDoc
 * is on `ArtifactType`).
 * @internal
 */
export class ArtifactTypeImpl extends ArtifactType {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'ArtifactType' });
  }

  override collections(options: ArtifactCollectionsOptions = {}): Paginated<ArtifactCollection> {
    return listTypeCollections(
      this.context,
      { entity: this.entity, project: this.project, type: this.name },
      options,
    );
  }

  override collection(name: string, options: RequestOptions = {}): Promise<ArtifactCollection> {
    const o = optionsObject(options);
    const collection = checkArtifactName(name, 'name');
    const signal = optionalSignal(o.signal);
    const cache = optionalBoolean(o.cache, 'cache');
    return fetchCollection(
      this.context,
      { entity: this.entity, project: this.project, type: this.name, collection },
      { signal, cache },
    );
  }
}

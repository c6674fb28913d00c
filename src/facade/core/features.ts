/**
 * Server capability detection (wandb-ops.md §3): the `serverInfo.features` flags behind
 * `api.serverFeatures()`.
 *
 * @example
 * ```ts
 * const features = await loadServerFeatures(ctx);
 * if (features.get('MARK_RUN_FILES_UPLOADED')) console.log('uploads must be registered');
 * ```
 * @module
 */
import {
  AuthenticationError,
  NetworkError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnsupportedError,
  WandbError,
} from '../../errors/index.js';
import type { FacadeContext } from './context.js';
import { documents } from './lazy.js';

/**
 * Failures that say nothing about the server's features, so they are thrown (and, the load not
 * being remembered, the next call asks again) rather than read as "no features": a missing or
 * rejected key, no permission, the network, a timeout, a rate limit, a 5xx.
 */
const TRANSIENT_OR_AUTH = [
  AuthenticationError,
  PermissionError,
  NetworkError,
  TimeoutError,
  RateLimitError,
  ServerError,
] as const;

/**
 * Loads the server's capability flags by name. A server that cannot report them (older versions
 * answer `Cannot query field "features"`: a GraphQL error) yields an empty map, so every feature
 * counts as disabled. Any other failure — authentication, permission, network, timeout, rate
 * limit, server error, the caller's abort — is thrown, so that one bad moment is not taken for an
 * old server until `flush()`. `Api` calls it once and caches the answer until `flush()`.
 * @internal Users call `api.serverFeatures()`.
 * @example
 * ```ts
 * const features = await loadServerFeatures(ctx); // Map { 'ARTIFACT_TAGS' => true, ... }
 * ```
 */
export async function loadServerFeatures(
  ctx: Pick<FacadeContext, 'request'>,
): Promise<ReadonlyMap<string, boolean>> {
  try {
    const { ServerFeaturesDocument } = await documents();
    const data = await ctx.request(ServerFeaturesDocument, {});
    // The official client's models type the list's elements nullable; a null entry names nothing.
    const features = (data.serverInfo?.features ?? []).flatMap((f) =>
      f ? [[f.name, f.isEnabled] as const] : [],
    );
    return new Map(features);
  } catch (error) {
    if (!(error instanceof WandbError) || TRANSIENT_OR_AUTH.some((type) => error instanceof type)) {
      throw error;
    }
    return new Map<string, boolean>();
  }
}

/**
 * Rejects with {@link UnsupportedError} unless the server reports `feature` enabled: for calls
 * that an older server would refuse (a newer argument in the document) or answer wrongly. Call it
 * before the request that needs the feature; the features are loaded once per `Api`.
 *
 * @param what - what needs the feature, for the message (`'Filtering sweeps'`).
 * @example
 * ```ts
 * await requireFeature(ctx, 'SWEEPS_QUERY_FILTERING', 'Filtering sweeps');
 * // UnsupportedError: Filtering sweeps needs the server feature SWEEPS_QUERY_FILTERING, which this W&B server does not report ...
 * ```
 */
export async function requireFeature(
  ctx: Pick<FacadeContext, 'serverFeatures'>,
  feature: string,
  what: string,
): Promise<void> {
  if ((await ctx.serverFeatures()).get(feature) === true) return;
  throw new UnsupportedError(
    `${what} needs the server feature ${feature}, which this W&B server does not report ` +
      '(an older W&B Server release); upgrade the server, or use https://wandb.ai',
  );
}

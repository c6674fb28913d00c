/**
 * The web URL of a report and its title slug (exported by `wandb-api`, so kept apart from the
 * other URL builders, which load with the domains that use them).
 *
 * @example
 * ```ts
 * reportUrl('https://wandb.ai', 'acme', 'vision', 'Weekly sync', 'Vmlldzo0Mg=='); // '.../reports/Weekly-sync--Vmlldzo0Mg'
 * ```
 * @module
 */

import { stripTrailingSlashes } from './base-url.js';

/**
 * The title part of a report URL, as W&B makes it: every character that is not a letter, digit
 * or `_` becomes `-`, runs of `-` collapse to one, leading and trailing `-` go, and the result is
 * URL-encoded (non-ASCII letters stay letters, percent-encoded).
 *
 * @example
 * ```ts
 * reportSlug('Q3 results: ResNet vs. ViT!'); // 'Q3-results-ResNet-vs-ViT'
 * reportSlug('Über  Ergebnisse'); // '%C3%9Cber-Ergebnisse'
 * ```
 */
export function reportSlug(displayName: string): string {
  const slug = displayName
    .replace(/[^\p{L}\p{N}_]/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return encodeURIComponent(slug);
}

/**
 * The web URL of a report: `{appUrl}/{entity}/{project}/reports/{slug}--{id}`, where the slug is
 * the display name with each run of characters other than letters, digits and `_` made one `-`
 * (no `-` at either end; URL-encoded), and the id loses its `=` padding.
 *
 * @example
 * ```ts
 * reportUrl('https://wandb.ai', 'acme', 'vision', 'Weekly sync', 'Vmlldzo0Mg==');
 * // 'https://wandb.ai/acme/vision/reports/Weekly-sync--Vmlldzo0Mg'
 * ```
 */
export function reportUrl(
  appUrl: string,
  entity: string,
  project: string,
  displayName: string,
  id: string,
): string {
  const base = `${stripTrailingSlashes(appUrl)}/${encodeURIComponent(entity)}/${encodeURIComponent(project)}`;
  return `${base}/reports/${reportSlug(displayName)}--${encodeURIComponent(id.replace(/=/g, ''))}`;
}

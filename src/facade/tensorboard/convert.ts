/**
 * TensorBoard events to W&B history rows, following the official client's mapping
 * (`core/internal/tensorboard/` of wandb/wandb): the step is `global_step`, the wall time
 * `_timestamp`, consecutive events of one file with the same step make one row, tags get the
 * file's folder as prefix, and scalars, histograms, images and text become history values.
 *
 * @example
 * ```ts
 * const file = await readEventFile(bytes, { file: 'train/events.out.tfevents.1' });
 * const { rows, media, skipped } = eventsToRows([file]);
 * ```
 * @module
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import type { Event } from './generated/event_pb.js';
import type { HistogramProto } from './generated/histogram_pb.js';
import type { Summary_Value } from './generated/summary_pb.js';
import type { TensorProto } from './generated/tensor_pb.js';
import { imageInfo } from './image-info.js';

/** Most bins a histogram keeps; larger ones are rebinned (as the official client does). */
export const MAX_HISTOGRAM_BINS = 512;

/**
 * A W&B histogram history value: `bins` are the edges (one more than `values`), `values` the
 * weight of each bin.
 *
 * @example
 * ```ts
 * const h: TbHistogram = { _type: 'histogram', bins: [0, 1, 2], values: [3, 4] };
 * ```
 */
export interface TbHistogram {
  /** Marks the value as a W&B histogram. */
  _type: 'histogram';
  /** The bin edges, ascending, one more than `values`. */
  bins: number[];
  /** The weight of each bin. */
  values: number[];
}

/**
 * The history value of the images of one tag at one step, as the official client writes it for
 * TensorBoard images: the run files under `media/images/` and their common format and size.
 *
 * @example
 * ```ts
 * const v: TbImages = { _type: 'images/separated', filenames: ['media/images/a.png'], format: 'png', width: 2, height: 1, count: 1 };
 * ```
 */
export interface TbImages {
  /** Marks the value as images stored as separate run files. */
  _type: 'images/separated';
  /** The run file paths, under `media/images/`. */
  filenames: string[];
  /** Their common image format (`png`, ...). */
  format: string;
  /** Their common width in pixels. */
  width: number;
  /** Their common height in pixels. */
  height: number;
  /** How many images (the length of `filenames`). */
  count: number;
}

/**
 * One value of a history row: a scalar (`NaN` and `Infinity` stay numbers), text, a histogram or
 * images.
 *
 * @example
 * ```ts
 * const v: TbHistoryValue = 0.5;
 * ```
 */
export type TbHistoryValue = number | string | string[] | TbHistogram | TbImages;

/**
 * One history row: the tags (prefixed with the folder), `global_step` and `_timestamp` (seconds).
 *
 * @example
 * ```ts
 * const row: TbRow = { 'train/loss': 0.5, global_step: 3, _timestamp: 1700000000.5 };
 * ```
 */
export type TbRow = Record<string, TbHistoryValue>;

/**
 * An image to upload as a run file at `path` (under `media/images/`), referenced from history.
 *
 * @example
 * ```ts
 * const m: TbMediaFile = { path: 'media/images/x.png', data: bytes, sha256: '…', size: bytes.length, format: 'png', width: 2, height: 1 };
 * ```
 */
export interface TbMediaFile {
  /** Run file path, `/`-separated. */
  path: string;
  data: Uint8Array;
  /** Hex SHA-256 of `data`. */
  sha256: string;
  size: number;
  format: string;
  width: number;
  height: number;
}

/**
 * A value that belongs to a plugin this reads but could not be converted (a malformed histogram,
 * an image whose size does not match, ...). It is left out of its row.
 *
 * @example
 * ```ts
 * const p: TbProblem = { file: 'events.out.tfevents.1', tag: 'w', step: 3, reason: 'invalid histogram' };
 * ```
 */
export interface TbProblem {
  /** The event file, as its path relative to the synced folder (`train/events.out.tfevents.1`). */
  file: string;
  /** The prefixed tag. */
  tag: string;
  /** The event's step (`global_step`). */
  step: number;
  /** What was wrong with the value. */
  reason: string;
}

/**
 * What {@link eventsToRows} produced.
 *
 * @example
 * ```ts
 * const { rows, media, skipped, problems }: TbConversion = eventsToRows(files);
 * ```
 */
export interface TbConversion {
  rows: TbRow[];
  media: TbMediaFile[];
  /** Values left out by plugin (`pr_curves`, `audio`, `hparams`, ...): how many of each. */
  skipped: Record<string, number>;
  problems: TbProblem[];
}

class Problem extends Error {}

function fail(reason: string): never {
  throw new Problem(reason);
}

/** Shortest decimal that reads back as the same 32-bit float (`0.1`, not `0.10000000149011612`). */
export function fromFloat32(x: number): number {
  if (!Number.isFinite(x)) return x;
  for (let digits = 1; digits < 9; digits++) {
    const short = Number(x.toPrecision(digits));
    if (Math.fround(short) === x) return short;
  }
  return x;
}

interface Tensor {
  data: number[];
  shape: number[];
}

const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const DT_INT32 = 3;
const DT_STRING = 7;
const DT_INT64 = 9;

function tensorOf(t: TensorProto): Tensor {
  const shape = (t.tensorShape?.dim ?? []).map((d) => {
    if (d.size < 0n) fail('tensor has an unknown shape');
    return Number(d.size);
  });
  const content = t.tensorContent;
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const unpack = (width: number, read: (at: number) => number): number[] => {
    if (content.length % width !== 0)
      fail(`tensor content has ${content.length} bytes, not a multiple of ${width}`);
    return Array.from({ length: content.length / width }, (_, i) => read(i * width));
  };
  const raw = content.length > 0;
  const dtype = t.dtype as number;
  let data: number[];
  if (dtype === DT_FLOAT)
    data = (raw ? unpack(4, (at) => view.getFloat32(at, true)) : t.floatVal).map(fromFloat32);
  else if (dtype === DT_DOUBLE) data = raw ? unpack(8, (at) => view.getFloat64(at, true)) : t.doubleVal;
  else if (dtype === DT_INT32) data = raw ? unpack(4, (at) => view.getInt32(at, true)) : t.intVal;
  else if (dtype === DT_INT64)
    data = raw ? unpack(8, (at) => Number(view.getBigInt64(at, true))) : t.int64Val.map(Number);
  else fail(`unsupported tensor dtype ${dtype}`);
  return { data, shape };
}

function scalarOf(value: Summary_Value): number {
  const v = value.value;
  if (v.case === 'simpleValue') return fromFloat32(v.value);
  if (v.case !== 'tensor') fail(`unexpected scalars value ${v.case ?? 'none'}`);
  const { data } = tensorOf(v.value);
  if (data.length !== 1) fail(`scalar tensor has ${data.length} elements, not 1`);
  return data[0] as number;
}

/** Interpolated position `pos` (in bins) along `edges`. */
function edgeAt(edges: readonly number[], pos: number): number {
  const i = Math.floor(pos);
  const a = edges[i] as number;
  if (i + 1 >= edges.length) return a;
  return a + ((edges[i + 1] as number) - a) * (pos - i);
}

/**
 * Rebins a histogram to `bins` bins: new edges evenly spaced in old-bin index (interpolated
 * between old edges), each old bin's weight split by how much of it each new bin covers.
 */
export function rebin(edges: readonly number[], weights: readonly number[], bins: number): TbHistogram {
  const oldBins = weights.length;
  const newEdges = Array.from({ length: bins + 1 }, (_, i) =>
    i === bins ? (edges[oldBins] as number) : edgeAt(edges, (i * oldBins) / bins),
  );
  const values = new Array<number>(bins).fill(0);
  let j = 0; // new bin
  for (let i = 0; i < oldBins; i++) {
    const left = edges[i] as number;
    const right = edges[i + 1] as number;
    const w = weights[i] as number;
    while (j < bins - 1 && (newEdges[j + 1] as number) <= left) j++;
    if (right <= left || j === bins - 1 || right <= (newEdges[j + 1] as number)) {
      values[j] = (values[j] as number) + w;
      continue;
    }
    let k = j;
    let from = left;
    while (from < right) {
      const to = k === bins - 1 ? right : Math.min(right, newEdges[k + 1] as number);
      values[k] = (values[k] as number) + (w * (to - from)) / (right - left);
      from = to;
      if (from < right) k++;
    }
  }
  return { _type: 'histogram', bins: newEdges, values };
}

function histogram(edges: number[], weights: number[]): TbHistogram {
  if (edges.length !== weights.length + 1) fail('invalid histogram: edge and weight counts differ');
  for (let i = 1; i < edges.length; i++) {
    if (!((edges[i] as number) >= (edges[i - 1] as number)))
      fail(`invalid histogram: bucket edges out of order (or NaN) at ${i}`);
  }
  if (weights.length > MAX_HISTOGRAM_BINS) {
    // Interpolating between edges needs finite ones: an infinite edge would give NaN edges.
    if (!edges.every(Number.isFinite))
      fail(
        `cannot rebin a histogram of ${weights.length} bins to ${MAX_HISTOGRAM_BINS}: it has an infinite bucket edge`,
      );
    return rebin(edges, weights, MAX_HISTOGRAM_BINS);
  }
  return { _type: 'histogram', bins: edges, values: weights };
}

function histogramOfProto(h: HistogramProto): TbHistogram {
  const limits = h.bucketLimit;
  const weights = h.bucket;
  if (limits.length === 0) fail('invalid histogram: no bucket limits');
  if (limits.length !== weights.length) fail('invalid histogram: bucket and bucket_limit counts differ');
  // Bucket limits are right edges; an empty first bucket gives the left edge, else `min` does.
  if (weights[0] === 0) return histogram(limits, weights.slice(1));
  if (h.min < (limits[0] as number)) return histogram([h.min, ...limits], weights);
  fail('invalid histogram: min is not below the first bucket limit');
}

function histogramOf(value: Summary_Value): TbHistogram | undefined {
  const v = value.value;
  if (v.case === 'histo') return histogramOfProto(v.value);
  if (v.case !== 'tensor') fail(`unexpected histograms value ${v.case ?? 'none'}`);
  const { data, shape } = tensorOf(v.value);
  if (shape.length !== 2 || shape[1] !== 3)
    fail(`histogram tensor has shape [${shape.join(', ')}], not [k, 3]`);
  const rows = shape[0] as number;
  if (rows === 0) return undefined;
  if (data.length !== rows * 3) fail('histogram tensor data does not match its shape');
  const col = (c: number) => Array.from({ length: rows }, (_, r) => data[r * 3 + c] as number);
  return histogram([...col(0), data[rows * 3 - 2] as number], col(2));
}

function textOf(value: Summary_Value): string | string[] {
  const v = value.value;
  if (v.case !== 'tensor' || (v.value.dtype as number) !== DT_STRING)
    fail('text value is not a string tensor');
  const decoder = new TextDecoder();
  const strings = v.value.stringVal.map((s) => decoder.decode(s));
  return strings.length === 1 ? (strings[0] as string) : strings;
}

function safeName(tag: string): string {
  return tag.replace(/[^A-Za-z0-9_.-]+/g, '_');
}

/** The images of one value: `[width, height, ...encoded]` string tensors or a `Summary.Image`. */
function imagesOf(value: Summary_Value): { width: number; height: number; encoded: Uint8Array[] } {
  const v = value.value;
  if (v.case === 'image')
    return { width: v.value.width, height: v.value.height, encoded: [v.value.encodedImageString] };
  if (v.case !== 'tensor') fail(`unexpected images value ${v.case ?? 'none'}`);
  const strings = v.value.stringVal;
  if (strings.length < 3) fail(`images tensor has ${strings.length} strings, needs at least 3`);
  const decoder = new TextDecoder();
  const width = Number(decoder.decode(strings[0]));
  const height = Number(decoder.decode(strings[1]));
  if (!Number.isInteger(width) || !Number.isInteger(height))
    fail('images tensor has no valid width and height');
  return { width, height, encoded: strings.slice(2) };
}

function imageValue(value: Summary_Value, tag: string, step: number, media: TbMediaFile[]): TbImages {
  const { width, height, encoded } = imagesOf(value);
  const files = encoded.map((data) => {
    const info = imageInfo(data);
    if (!info) fail('image is not a PNG, JPEG or GIF');
    if (info.width !== width || info.height !== height)
      fail(`image is ${info.width}x${info.height}, its summary says ${width}x${height}`);
    const hash = bytesToHex(sha256(data));
    const path = `media/images/${safeName(tag)}_${step}_${hash.slice(0, 20)}.${info.format}`;
    return { path, data, sha256: hash, size: data.length, format: info.format, width, height };
  });
  const format = (files[0] as TbMediaFile).format;
  if (files.some((f) => f.format !== format)) fail('images of one summary have different formats');
  media.push(...files);
  return {
    _type: 'images/separated',
    filenames: files.map((f) => f.path),
    format,
    width,
    height,
    count: files.length,
  };
}

/** Folder of a `/`-separated relative path, '' for a file directly in the root. */
function folderOf(file: string): string {
  const at = file.lastIndexOf('/');
  return at < 0 ? '' : file.slice(0, at);
}

/**
 * Turns the events of tfevents files (from {@link readEventFile}, in the order to sync) into
 * history rows and the images to upload. Per file, consecutive events with the same step make
 * one row (`global_step` and the last event's wall time as `_timestamp`); events without values
 * make none. A tag's plugin is remembered from its first value that names one (TF2 writes it only
 * once). Values of other plugins are counted in `skipped`; malformed ones are in `problems`.
 *
 * @param files - Each file's name relative to the root (`/`-separated; its folder prefixes the
 *   tags) and its events.
 * @example
 * ```ts
 * const { rows } = eventsToRows([{ file: 'train/events.out.tfevents.1', events }]);
 * console.log(rows[0]?.['train/epoch_loss']);
 * ```
 */
export function eventsToRows(files: ReadonlyArray<{ file: string; events: readonly Event[] }>): TbConversion {
  const out: TbConversion = { rows: [], media: [], skipped: {}, problems: [] };
  const pluginByTag = new Map<string, string>();
  for (const { file, events } of files) {
    const folder = folderOf(file);
    let row: TbRow | undefined;
    let rowStep: bigint | undefined;
    let values = 0;
    const flush = (): void => {
      if (row && values > 0) out.rows.push(row);
      row = undefined;
      values = 0;
    };
    for (const event of events) {
      if (row === undefined || rowStep !== event.step) {
        flush();
        row = {};
        rowStep = event.step;
      }
      const step = Number(event.step);
      if (event.what.case === 'summary') {
        for (const value of event.what.value.value) {
          if (value.tag === '') continue;
          const tag = folder === '' ? value.tag : `${folder}/${value.tag}`;
          const named = value.metadata?.pluginData?.pluginName ?? '';
          if (named !== '') pluginByTag.set(tag, named);
          const plugin = named !== '' ? named : (pluginByTag.get(tag) ?? '');
          try {
            const converted = convertValue(plugin, value, tag, step, out.media);
            if (converted === undefined) continue;
            if (typeof converted === 'object' && 'skip' in converted) {
              out.skipped[converted.skip] = (out.skipped[converted.skip] ?? 0) + 1;
              continue;
            }
            delete row[tag]; // a repeated tag keeps its last value, in the last place
            row[tag] = converted;
            values++;
          } catch (e) {
            if (!(e instanceof Problem)) throw e;
            out.problems.push({ file, tag, step, reason: e.message });
          }
        }
      }
      row.global_step = step;
      row._timestamp = event.wallTime;
    }
    flush();
  }
  return out;
}

function convertValue(
  plugin: string,
  value: Summary_Value,
  tag: string,
  step: number,
  media: TbMediaFile[],
): TbHistoryValue | { skip: string } | undefined {
  switch (plugin) {
    case '': {
      const kind = value.value.case;
      if (kind === 'simpleValue') return scalarOf(value);
      if (kind === 'histo') return histogramOf(value);
      if (kind === 'image') return imageValue(value, tag, step, media);
      return {
        skip:
          kind === undefined ? 'empty' : kind === 'obsoleteOldStyleHistogram' ? 'old_style_histogram' : kind,
      };
    }
    case 'scalars':
      return scalarOf(value);
    case 'histograms':
      return histogramOf(value);
    case 'images':
      return imageValue(value, tag, step, media);
    case 'text':
      return textOf(value);
    default:
      return { skip: plugin };
  }
}

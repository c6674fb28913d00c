// Pure logic of artifact downloads: entry paths, folder names, fallback paths, options, media lookup.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/errors/index.js';
import {
  checkDownloadOptions,
  checkRootName,
  entrySegments,
  fallbackPath,
  md5Hex,
} from '../../../../src/facade/artifacts/download.js';
import { buildManifest } from '../../../../src/facade/artifacts/manifest.js';
import { isArtifactTable } from '../../../../src/facade/artifacts/media.js';
import { findMediaEntry, mediaFromJson } from '../../../../src/facade/artifacts/media-get.js';
import { cachePath } from '../../../../src/io/artifact-files.node.js';

const where = { entity: 'alice', project: 'my project', collection: 'mnist', version: 'v3' };
const HELLO = 'XUFAKrxLKna5cZ2REBfFkg=='; // md5('hello')
const HELLO_HEX = '5d41402abc4b2a76b9719d911017c592';

describe('entrySegments', () => {
  it('splits a relative POSIX path', () => {
    expect(entrySegments('a.txt')).toEqual(['a.txt']);
    expect(entrySegments('images/train/0.png')).toEqual(['images', 'train', '0.png']);
    expect(entrySegments('..hidden/x..y')).toEqual(['..hidden', 'x..y']);
  });

  it.each([
    ['', /empty path/],
    ['../x', /"\.\."/],
    ['a/../../x', /"\.\."/],
    ['a/..', /"\.\."/],
    ['/etc/passwd', /absolute/],
    ['a\\b', /backslash/],
    ['..\\x', /backslash/],
    ['C:x', /drive letter/],
    ['c:/x', /drive letter/],
    ['a/C:x', /drive letter/],
    ['a/b/z:', /drive letter/],
    ['a//b', /empty or "\."/],
    ['./a', /empty or "\."/],
    ['a/', /empty or "\."/],
    ['a\0b', /NUL/],
  ])('refuses %j', (path, why) => {
    let error: unknown;
    try {
      entrySegments(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).parameter).toBe('path');
    expect((error as Error).message).toMatch(why);
  });
});

describe('checkRootName', () => {
  it('keeps collection:vN names (a one-letter collection is not a drive)', () => {
    expect(checkRootName('mnist:v3')).toBe('mnist:v3');
    expect(checkRootName('a:v0')).toBe('a:v0');
  });
  it.each(['../x:v0', 'a/../../b:v1', '/abs:v0', 'C:\\x:v0', ''])('refuses %j', (name) => {
    expect(() => checkRootName(name)).toThrow(ValidationError);
  });
});

describe('md5Hex', () => {
  it('converts base64 and keeps hex', () => {
    expect(md5Hex(HELLO)).toBe(HELLO_HEX);
    expect(md5Hex(HELLO_HEX)).toBe(HELLO_HEX);
    expect(md5Hex('etag-1')).toBeUndefined();
  });
});

describe('fallbackPath (protocol §8.4)', () => {
  const entry = { path: 'data/hello world.txt', digest: HELLO, size: 5, birthArtifactId: 'QXJ0aWZhY3Q6Nw==' };
  it('V1 (and a manifest without a layout): /artifacts/<entity>/<hex>', () => {
    expect(fallbackPath({ storageLayout: 'V1' }, where, 'id', entry, false)).toBe(
      `/artifacts/alice/${HELLO_HEX}`,
    );
  });
  it('V2: region, quoted entity/project/collection, birth artifact, hex, basename', () => {
    expect(fallbackPath({ storageLayout: 'V2' }, where, 'QXJ0aWZhY3Q6OQ==', entry, false)).toBe(
      `/artifactsV2/default/alice/my%20project/mnist/QXJ0aWZhY3Q6Nw%3D%3D/${HELLO_HEX}/hello world.txt`,
    );
    expect(
      fallbackPath({ storageLayout: 'V2', storageRegion: 'eu' }, where, 'QXJ0aWZhY3Q6OQ==', entry, true),
    ).toBe(
      `/artifactsV2/eu/alice/my%20project/mnist/QXJ0aWZhY3Q6OQ%3D%3D/QXJ0aWZhY3Q6Nw%3D%3D/${HELLO_HEX}/hello world.txt`,
    );
  });
  it('no path for a digest that is not an MD5', () => {
    expect(
      fallbackPath({ storageLayout: 'V1' }, where, 'id', { ...entry, digest: 'etag' }, false),
    ).toBeUndefined();
  });
});

describe('checkDownloadOptions', () => {
  it('fills the defaults', () => {
    expect(checkDownloadOptions(undefined)).toMatchObject({
      concurrency: 16,
      skipCache: false,
      allowMissingReferences: false,
      root: undefined,
      pathPrefix: undefined,
    });
  });
  it.each([
    [{ concurrency: -1 }, 'concurrency'],
    [{ root: 3 }, 'root'],
    [{ allowMissingReferences: 1 }, 'allowMissingReferences'],
    [{ signal: 'x' }, 'signal'],
  ])('refuses %j', (options, parameter) => {
    expect(() => checkDownloadOptions(options as never)).toThrow(
      expect.objectContaining({ parameter }) as unknown as Error,
    );
  });
});

describe('cachePath', () => {
  it('is obj/md5/<hex[0:2]>/<hex[2:]>', () => {
    expect(cachePath('/c', HELLO_HEX)).toBe(`/c/obj/md5/5d/${HELLO_HEX.slice(2)}`);
    expect(() => cachePath('/c', '../../etc')).toThrow();
  });
});

describe('media objects', () => {
  const manifest = buildManifest([
    { path: 'samples.table.json', digest: HELLO, size: 1 },
    { path: 'samples.txt', digest: HELLO, size: 1 },
    { path: 'sub/samples.image.json', digest: HELLO, size: 1 },
    { path: 'raw.json', digest: HELLO, size: 1 },
  ]);
  it('finds <name>.<type>.json, or the name itself when it is a .json entry', () => {
    expect(findMediaEntry(manifest, 'samples')?.path).toBe('samples.table.json');
    expect(findMediaEntry(manifest, 'samples.table.json')?.path).toBe('samples.table.json');
    expect(findMediaEntry(manifest, 'raw.json')?.path).toBe('raw.json');
    expect(findMediaEntry(manifest, 'sub/samples')?.path).toBe('sub/samples.image.json');
    expect(findMediaEntry(manifest, 'sample')).toBeUndefined();
    expect(findMediaEntry(manifest, 'samples.txt')).toBeUndefined();
  });
  it('gives a Table as { columns, rows } and other media as is', () => {
    expect(mediaFromJson({ _type: 'table', columns: ['a', 'b'], data: [[1, 2]], nrows: 1 }, 'x')).toEqual({
      columns: ['a', 'b'],
      rows: [[1, 2]],
    });
    expect(mediaFromJson({ _type: 'image-file', path: 'media/x.png' }, 'x')).toEqual({
      _type: 'image-file',
      path: 'media/x.png',
    });
    expect(() => mediaFromJson({ _type: 'table', columns: 'a' }, 'x')).toThrow(/columns/);
    expect(() => mediaFromJson([1], 'x')).toThrow(/JSON object/);
    expect(isArtifactTable(mediaFromJson({ _type: 'table', columns: [], data: [] }, 'x'))).toBe(true);
    expect(isArtifactTable({ _type: 'plotly', columns: [], rows: [] })).toBe(false);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WandbError } from '../../../../src/errors/index.js';
import {
  buildManifest,
  MANIFEST_DIGEST_HEADER,
  manifestDigest,
  parseManifest,
} from '../../../../src/facade/artifacts/manifest.js';
import { serializeManifest } from '../../../../src/facade/artifacts/manifest-write.js';

const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
const md5B64 = (text: string): string => createHash('md5').update(text, 'utf8').digest('base64');

// What the Python client writes: indented, entries without defaults.
const PYTHON = `{
    "version": 1,
    "storagePolicy": "wandb-storage-policy-v1",
    "storagePolicyConfig": {
        "storageLayout": "V2"
    },
    "contents": {
        "train/b.csv": {
            "digest": "${md5B64('b')}",
            "size": 1
        },
        "a.txt": {
            "digest": "${md5B64('hello')}",
            "size": 5,
            "birthArtifactID": "QXJ0aWZhY3Q6MQ=="
        }
    }
}`;

// What the Go saver writes: compact, with its own extra keys.
const GO =
  '{"version":1,"storagePolicy":"wandb-storage-policy-v1","storagePolicyConfig":{"storageLayout":"V2","storageRegion":"us-east1"},' +
  '"contents":{"big.bin":{"digest":"etag-1","ref":"https://example.com/big.bin","local_path":"/tmp/x","skip_cache":false,' +
  '"extra":{"etag":"\\"etag-1\\""}},"z.txt":{"digest":"abc==","size":3,"skip_cache":false}}}';

describe('parseManifest', () => {
  it('reads the Python form: entries sorted by path, birth artifact ids, sizes', () => {
    const m = parseManifest(PYTHON);
    expect(m.entries.map((e) => e.path)).toEqual(['a.txt', 'train/b.csv']);
    expect(m.entry('a.txt')).toEqual({
      path: 'a.txt',
      digest: md5B64('hello'),
      size: 5,
      birthArtifactId: 'QXJ0aWZhY3Q6MQ==',
    });
    expect(m.storagePolicyConfig.storageLayout).toBe('V2');
    expect(m.entry('missing')).toBeUndefined();
  });

  it('reads the Go form: ignores unknown keys, a reference without size is 0, keeps extra and region', () => {
    const m = parseManifest(GO);
    expect(m.entry('big.bin')).toEqual({
      path: 'big.bin',
      digest: 'etag-1',
      size: 0,
      ref: 'https://example.com/big.bin',
      extra: { etag: '"etag-1"' },
    });
    expect(m.entry('z.txt')).toEqual({ path: 'z.txt', digest: 'abc==', size: 3 });
    expect(m.storagePolicyConfig).toMatchObject({ storageLayout: 'V2', storageRegion: 'us-east1' });
  });

  it('reads a manifest without a storage layout as V1', () => {
    const m = parseManifest('{"version":1,"storagePolicy":"wandb-storage-policy-v1","contents":{}}');
    expect(m.storagePolicyConfig.storageLayout).toBe('V1');
    expect(m.entries).toEqual([]);
  });

  it('refuses what is not a version-1 manifest, naming what was read', () => {
    for (const bad of [
      'not json',
      '[]',
      '{"version":2,"contents":{}}',
      '{"version":1,"contents":{"a":{"size":1}}}',
    ]) {
      expect(() => parseManifest(bad, 'the manifest of acme/vision/mnist:v0')).toThrow(WandbError);
      expect(() => parseManifest(bad, 'the manifest of acme/vision/mnist:v0')).toThrow(
        /acme\/vision\/mnist:v0/,
      );
    }
  });

  it('round-trips through serializeManifest', () => {
    const m = parseManifest(GO);
    const again = parseManifest(serializeManifest(m));
    expect(again.entries).toEqual(m.entries);
    expect(again.storagePolicyConfig).toEqual(m.storagePolicyConfig);
  });

  it('keeps a path such as __proto__ as an ordinary entry', () => {
    const m = parseManifest('{"version":1,"contents":{"__proto__":{"digest":"x","size":1}}}');
    expect(m.entries.map((e) => e.path)).toEqual(['__proto__']);
    expect(parseManifest(serializeManifest(m)).entry('__proto__')?.digest).toBe('x');
  });
});

describe('manifestDigest', () => {
  it('is the MD5 of the header alone for an empty artifact', () => {
    expect(manifestDigest([])).toBe(md5Hex(MANIFEST_DIGEST_HEADER));
  });

  it('hashes "path:digest" lines sorted by path in code-point order, whatever the input order', () => {
    const entries = [
      { path: 'b/é.txt', digest: 'D2' },
      { path: 'a.txt', digest: 'D1' },
      { path: 'b/z.txt', digest: 'D3' },
      { path: 'b/😀.txt', digest: 'D4' },
    ];
    const expected = md5Hex(
      MANIFEST_DIGEST_HEADER + 'a.txt:D1\n' + 'b/z.txt:D3\n' + 'b/é.txt:D2\n' + 'b/😀.txt:D4\n',
    );
    expect(manifestDigest(entries)).toBe(expected);
    expect(manifestDigest([...entries].reverse())).toBe(expected);
  });

  it('orders by code point where UTF-16 order differs (a character above the surrogates)', () => {
    const entries = [
      { path: '\uff5e', digest: 'A' }, // U+FF5E, above the surrogate range in UTF-16
      { path: '😀', digest: 'B' }, // U+1F600, a surrogate pair in UTF-16
    ];
    expect(manifestDigest(entries)).toBe(md5Hex(`${MANIFEST_DIGEST_HEADER}\uff5e:A\n😀:B\n`));
  });

  it('counts only paths and digests, not sizes, references or layout', () => {
    const a = buildManifest([{ path: 'x', digest: 'd', size: 1 }]);
    const b = buildManifest([{ path: 'x', digest: 'd', size: 99, ref: 'https://e/x' }], {
      storagePolicyConfig: { storageLayout: 'V1' },
    });
    expect(manifestDigest(a.entries)).toBe(manifestDigest(b.entries));
  });
});

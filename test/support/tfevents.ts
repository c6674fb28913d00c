/**
 * A tfevents writer for tests, independent of the code under test: its own protobuf wire
 * encoding (field numbers from TensorBoard's public event/summary/tensor/histogram protos), its
 * own CRC-32C and the TFRecord framing.
 */

// --- CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), table-driven ---
const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32c(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = (TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function masked(data: Uint8Array): number {
  const c = crc32c(data);
  return (((c >>> 15) | (c << 17)) + 0xa282ead8) >>> 0;
}

/** One TFRecord: length, masked CRC of the length, data, masked CRC of the data. */
export function frame(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(16 + data.length);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, masked(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, masked(data), true);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// --- protobuf wire format ---
function varint(n: bigint | number): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}

/** A message being written: fields appended in call order. */
export class Msg {
  private readonly bytes: number[] = [];
  private key(field: number, wire: number): void {
    this.bytes.push(...varint((field << 3) | wire));
  }
  int(field: number, n: bigint | number): this {
    this.key(field, 0);
    this.bytes.push(...varint(n));
    return this;
  }
  double(field: number, x: number): this {
    this.key(field, 1);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, true);
    this.bytes.push(...b);
    return this;
  }
  float(field: number, x: number): this {
    this.key(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, x, true);
    this.bytes.push(...b);
    return this;
  }
  bytesField(field: number, data: Uint8Array | string): this {
    const b = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    this.key(field, 2);
    this.bytes.push(...varint(b.length), ...b);
    return this;
  }
  msg(field: number, m: Msg): this {
    return this.bytesField(field, m.encode());
  }
  packedDoubles(field: number, xs: readonly number[]): this {
    const b = new Uint8Array(xs.length * 8);
    const view = new DataView(b.buffer);
    xs.forEach((x, i) => view.setFloat64(i * 8, x, true));
    return this.bytesField(field, b);
  }
  packedFloats(field: number, xs: readonly number[]): this {
    const b = new Uint8Array(xs.length * 4);
    const view = new DataView(b.buffer);
    xs.forEach((x, i) => view.setFloat32(i * 4, x, true));
    return this.bytesField(field, b);
  }
  encode(): Uint8Array {
    return new Uint8Array(this.bytes);
  }
}

// TensorBoard field numbers.
const EVENT = { wallTime: 1, step: 2, fileVersion: 3, summary: 5 };
const VALUE = { tag: 1, simpleValue: 2, image: 4, histo: 5, tensor: 8, metadata: 9 };
const DT = { float: 1, double: 2, string: 7, int64: 9 };

/** A `Summary.Value` to put in an event. */
export type TbValue = Msg;

export function simpleValue(tag: string, x: number): TbValue {
  return new Msg().bytesField(VALUE.tag, tag).float(VALUE.simpleValue, x);
}

function metadata(plugin: string): Msg {
  return new Msg().msg(1, new Msg().bytesField(1, plugin));
}

function shape(dims: readonly number[]): Msg {
  const m = new Msg();
  for (const d of dims) m.msg(2, new Msg().int(1, d));
  return m;
}

/** A TF2 tensor value; `plugin` written only when given (TF2 writes it on a tag's first value). */
export function tensorValue(tag: string, tensor: Msg, plugin?: string): TbValue {
  const m = new Msg().bytesField(VALUE.tag, tag);
  if (plugin !== undefined) m.msg(VALUE.metadata, metadata(plugin));
  return m.msg(VALUE.tensor, tensor);
}

/** A rank-0 float tensor in `float_val`, or in `tensor_content` when `raw`. */
export function floatTensor(x: number, raw = false): Msg {
  const t = new Msg().int(1, DT.float).msg(2, shape([]));
  if (!raw) return t.packedFloats(5, [x]);
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return t.bytesField(4, b);
}

export function doubleTensor(xs: readonly number[], dims: readonly number[]): Msg {
  const b = new Uint8Array(xs.length * 8);
  const view = new DataView(b.buffer);
  xs.forEach((x, i) => view.setFloat64(i * 8, x, true));
  return new Msg().int(1, DT.double).msg(2, shape(dims)).bytesField(4, b);
}

export function int64Tensor(n: bigint): Msg {
  return new Msg()
    .int(1, DT.int64)
    .msg(2, shape([]))
    .bytesField(10, new Uint8Array(varint(n)));
}

export function stringTensor(strings: readonly (string | Uint8Array)[]): Msg {
  const t = new Msg().int(1, DT.string).msg(2, shape([strings.length]));
  for (const s of strings) t.bytesField(8, s);
  return t;
}

export function histoValue(
  tag: string,
  h: { min: number; max: number; limits: readonly number[]; counts: readonly number[] },
): TbValue {
  const histo = new Msg()
    .double(1, h.min)
    .double(2, h.max)
    .double(
      3,
      h.counts.reduce((a, b) => a + b, 0),
    )
    .packedDoubles(6, h.limits)
    .packedDoubles(7, h.counts);
  return new Msg().bytesField(VALUE.tag, tag).msg(VALUE.histo, histo);
}

export function imageValue(tag: string, width: number, height: number, encoded: Uint8Array): TbValue {
  const image = new Msg().int(1, height).int(2, width).int(3, 4).bytesField(4, encoded);
  return new Msg().bytesField(VALUE.tag, tag).msg(VALUE.image, image);
}

/** An Event proto with a summary of `values`. */
export function event(step: number, wallTime: number, values: readonly TbValue[]): Uint8Array {
  const summary = new Msg();
  for (const v of values) summary.msg(1, v);
  return new Msg()
    .double(EVENT.wallTime, wallTime)
    .int(EVENT.step, step)
    .msg(EVENT.summary, summary)
    .encode();
}

/** The `file_version` event every tfevents file starts with. */
export function fileVersion(wallTime: number): Uint8Array {
  return new Msg().double(EVENT.wallTime, wallTime).bytesField(EVENT.fileVersion, 'brain.Event:2').encode();
}

/** A tfevents file of these events. */
export function tfevents(events: readonly Uint8Array[]): Uint8Array {
  return concat(events.map(frame));
}

/** A minimal PNG header (signature + IHDR) of the given size: enough to read format and size. */
export function pngHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(b.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  b.set([8, 6, 0, 0, 0], 24);
  return b;
}

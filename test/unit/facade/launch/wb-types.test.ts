import { describe, expect, it } from 'vitest';
import { explainMismatch, type WbType } from '../../../../src/facade/launch/wb-types.js';

const num: WbType = { wb_type: 'number' };
const str: WbType = { wb_type: 'string' };
const none: WbType = { wb_type: 'none' };
const dict = (map: Record<string, WbType>): WbType => ({ wb_type: 'typedDict', params: { type_map: map } });
const union = (...types: WbType[]): WbType => ({ wb_type: 'union', params: { allowed_types: types } });
const list = (element: WbType): WbType => ({ wb_type: 'list', params: { element_type: element } });

describe('explainMismatch (the official type registry rules)', () => {
  const config = dict({ lr: num, optimizer: str, layers: list({ wb_type: 'unknown' }) });

  it('accepts a config with every key of its type', () => {
    expect(
      explainMismatch(config, { lr: 0.1, optimizer: 'adam', layers: [64, 32] }, 'config'),
    ).toBeUndefined();
  });

  it('refuses a missing key, naming it', () => {
    expect(explainMismatch(config, { lr: 0.1, layers: [] }, 'config')).toBe(
      'config.optimizer: missing, expected a string',
    );
  });

  it('refuses keys the job does not take, naming them', () => {
    expect(
      explainMismatch(config, { lr: 0.1, optimizer: 'adam', layers: [], momentum: 0.9 }, 'config'),
    ).toMatch(/^config: unexpected key momentum \(the job takes lr, optimizer, layers\)$/);
  });

  it('refuses a value of another type, with its path', () => {
    expect(explainMismatch(config, { lr: '0.1', optimizer: 'adam', layers: [] }, 'config')).toBe(
      'config.lr: the string "0.1" is not a number',
    );
  });

  it('lets a key be missing or null only where None is allowed', () => {
    const optional = dict({ seed: union(num, none) });
    expect(explainMismatch(optional, {}, 'config')).toBeUndefined();
    expect(explainMismatch(optional, { seed: null }, 'config')).toBeUndefined();
    expect(explainMismatch(optional, { seed: 3 }, 'config')).toBeUndefined();
    expect(explainMismatch(optional, { seed: 'x' }, 'config')).toMatch(/config\.seed/);
  });

  it('requires the elements of a list to share one type, once the first fixed it', () => {
    const t = dict({ layers: list({ wb_type: 'unknown' }) });
    expect(explainMismatch(t, { layers: [1, 2, 3] }, 'config')).toBeUndefined();
    expect(explainMismatch(t, { layers: [1, 'two'] }, 'config')).toBe(
      'config.layers[1]: the string "two" is not a number',
    );
  });

  it('checks nested dicts and const values', () => {
    const t = dict({ opt: dict({ name: { wb_type: 'const', params: { val: 'adam' } } }) });
    expect(explainMismatch(t, { opt: { name: 'adam' } }, 'config')).toBeUndefined();
    expect(explainMismatch(t, { opt: { name: 'sgd' } }, 'config')).toBe(
      'config.opt.name: the string "sgd" is not the value "adam"',
    );
  });

  it('does not check types it does not know (media, artifacts, python objects)', () => {
    const t = dict({
      data: { wb_type: 'artifactVersion' },
      obj: { wb_type: 'pythonObject', params: { class_name: 'X' } },
    });
    expect(
      explainMismatch(t, { data: 'wandb-artifact://_id/abc', obj: { anything: true } }, 'config'),
    ).toBeUndefined();
  });

  it('treats NaN as None, as the official client does', () => {
    expect(explainMismatch(dict({ x: num }), { x: Number.NaN }, 'config')).toMatch(/config\.x/);
    expect(explainMismatch(dict({ x: union(num, none) }), { x: Number.NaN }, 'config')).toBeUndefined();
  });

  it('refuses None for any and unknown, accepts booleans only for boolean', () => {
    expect(explainMismatch(dict({ x: { wb_type: 'any' } }), { x: null }, 'config')).toMatch(/config\.x/);
    expect(explainMismatch(dict({ x: { wb_type: 'any' } }), { x: [1] }, 'config')).toBeUndefined();
    expect(explainMismatch(dict({ x: { wb_type: 'boolean' } }), { x: 1 }, 'config')).toBe(
      'config.x: 1 is not a boolean',
    );
  });
});

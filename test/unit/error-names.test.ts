// Error names survive minification: an app's production bundle renames classes, and a user
// reading `err.name` (or the `name` of `JSON.stringify(err)`) must still see `NotFoundError`.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as source from '../../src/errors/index.js';

type ErrorModule = typeof source;

async function minified(): Promise<ErrorModule> {
  const out = await build({
    entryPoints: ['src/errors/index.ts'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
  });
  const code = out.outputFiles[0]!.text;
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as ErrorModule;
}

describe('error names in a minified bundle', () => {
  it('keep the class names, for ours and for a subclass of a user', async () => {
    const m = await minified();
    const made: [string, Error][] = [
      ['WandbError', new m.WandbError('x')],
      ['ValidationError', new m.ValidationError('perPage', 'bad')],
      ['AuthenticationError', new m.AuthenticationError('x')],
      ['NotFoundError', new m.NotFoundError('x')],
      ['RateLimitError', new m.RateLimitError('x')],
      ['NetworkError', new m.NetworkError('x')],
    ];
    for (const [name, err] of made) {
      expect(err.name).toBe(name);
      expect(JSON.parse(JSON.stringify(err))).toMatchObject({ name });
    }
    class MissingModel extends m.NotFoundError {}
    expect(new MissingModel('x').name).toBe('MissingModel');
    expect(new MissingModel('x')).toBeInstanceOf(m.NotFoundError);
  });

  it('hold for every error class the module exports', async () => {
    const m = (await minified()) as unknown as Record<string, unknown>;
    const classes = Object.entries(m).filter(
      (e): e is [string, new (...args: unknown[]) => Error] =>
        typeof e[1] === 'function' && (e[1] as { prototype: unknown }).prototype instanceof Error,
    );
    expect(classes.map(([name]) => name).sort()).toEqual(
      Object.keys(source)
        .filter((k) => /Error$/.test(k) && typeof source[k as keyof ErrorModule] === 'function')
        .sort(),
    );
    // Arguments each constructor accepts (the second one differs between classes).
    const second = { expected: 'a', actual: 'b', missing: [], changed: [], extra: [] };
    for (const [name, Class] of classes) {
      const args = name === 'ValidationError' || name === 'RunNotLoadedError' ? ['x', 'y'] : ['x', second];
      expect(new Class(...args).name).toBe(name);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { WandbError } from '../../../../src/errors/index.js';
import { parseJobFile } from '../../../../src/facade/launch/job-file.js';

const types = { wb_type: 'typedDict', params: { type_map: { lr: { wb_type: 'number' } } } };

describe('parseJobFile', () => {
  it('reads a repo job as the job builder writes it', () => {
    const text = JSON.stringify(
      {
        _version: '0.17.0',
        source_type: 'repo',
        source: {
          git: { remote: 'https://github.com/acme/vision.git', commit: 'abc123' },
          entrypoint: ['python3', 'train.py'],
          notebook: false,
          build_context: 'docker',
          dockerfile: 'Dockerfile.train',
        },
        input_types: types,
        output_types: { wb_type: 'typedDict', params: { type_map: {} } },
        runtime: '3.11.4',
        services: { redis: 'always' },
      },
      null,
      4,
    );
    const info = parseJobFile(text, 'job acme/vision/train:v0');
    expect(info.sourceType).toBe('repo');
    expect(info.source).toEqual({
      sourceType: 'repo',
      git: { remote: 'https://github.com/acme/vision.git', commit: 'abc123' },
      entrypoint: ['python3', 'train.py'],
      notebook: false,
      buildContext: 'docker',
      dockerfile: 'Dockerfile.train',
      baseImage: undefined,
    });
    expect(info.entrypoint).toEqual(['python3', 'train.py']);
    expect(info.inputTypes).toEqual(types);
    expect(info.runtime).toBe('3.11.4');
    expect(info.partial).toBe(false);
    expect(info.services).toEqual({ redis: 'always' });
    expect(info.version).toBe('0.17.0');
    expect(info.file.source_type).toBe('repo');
  });

  it('reads artifact and image jobs, and a partial job', () => {
    const artifact = parseJobFile(
      JSON.stringify({
        source_type: 'artifact',
        source: { artifact: 'wandb-artifact://_id/QXJ0', entrypoint: ['python', 'main.py'], notebook: true },
      }),
      'job',
    );
    expect(artifact.source).toMatchObject({
      sourceType: 'artifact',
      artifact: 'wandb-artifact://_id/QXJ0',
      notebook: true,
    });
    const image = parseJobFile(
      JSON.stringify({ source_type: 'image', source: { image: 'ghcr.io/acme/train:1.2' }, _partial: true }),
      'job',
    );
    expect(image.source).toEqual({ sourceType: 'image', image: 'ghcr.io/acme/train:1.2', entrypoint: [] });
    expect(image.partial).toBe(true);
    expect(image.inputTypes).toBeUndefined();
  });

  it('names the job and the problem when the file is malformed', () => {
    const bad = (text: string) => {
      try {
        parseJobFile(text, 'job acme/vision/train:v0');
      } catch (e) {
        expect(e).toBeInstanceOf(WandbError);
        return (e as Error).message;
      }
      throw new Error('expected a failure');
    };
    expect(bad('not json')).toMatch(/wandb-job\.json of job acme\/vision\/train:v0 is not JSON/);
    expect(bad('[]')).toMatch(/expected a JSON object/);
    expect(bad('{"source_type":"zip","source":{}}')).toMatch(/source_type is "zip"/);
    expect(bad('{"source_type":"repo","source":{}}')).toMatch(/source\.git/);
    expect(bad('{"source_type":"image","source":{}}')).toMatch(/source\.image/);
    expect(bad('{"source_type":"image","source":{"image":"x","entrypoint":"run.sh"}}')).toMatch(/entrypoint/);
    expect(bad('{"source_type":"image","source":{"image":"x"},"input_types":{"type":"number"}}')).toMatch(
      /input_types/,
    );
  });
});

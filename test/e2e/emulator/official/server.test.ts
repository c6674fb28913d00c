// The official client's server-features document (wandb-core's ServerFeaturesQuery, sent with its
// own operationName and no variables key), in its shape (notes §1.2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { KEY, official } from '../../../support/emulator-http.js';

const SERVER_FEATURES = `query ServerFeaturesQuery {
  serverInfo { features { name isEnabled } }
}`;

describe('official documents: server features', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({
      apiKey: KEY,
      features: { MARK_RUN_FILES_UPLOADED: true, SWEEPS_QUERY_FILTERING: false },
    });
  });
  afterAll(() => emu.close());

  it('answers ServerFeaturesQuery with every flag, the overrides applied', async () => {
    const d = await official<{ serverInfo: { features: { name: string; isEnabled: boolean }[] } }>(
      emu,
      SERVER_FEATURES,
      undefined,
      { operationName: 'ServerFeaturesQuery' },
    );
    const features = new Map(d.serverInfo.features.map((f) => [f.name, f.isEnabled]));
    expect(features.get('MARK_RUN_FILES_UPLOADED')).toBe(true);
    expect(features.get('SWEEPS_QUERY_FILTERING')).toBe(false);
    expect(features.get('TOTAL_COUNT_IN_FILE_CONNECTION')).toBe(true);
    expect(features.has('SWEEPS_LOCAL_SCHEDULER')).toBe(false); // so Sweep.enqueue_run stays client-side
  });
});

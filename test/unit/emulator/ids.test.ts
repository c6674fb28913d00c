// Global ids: base64 of "<Kind>:<integer id>".
import { describe, expect, it } from 'vitest';
import { globalId, parseGlobalId } from '../../../src/emulator/graphql/ids.js';

describe('emulator ids: parseGlobalId', () => {
  it('decodes ids of the asked kind only', () => {
    expect(parseGlobalId(globalId('Run', 12), 'Run')).toBe(12);
    expect(parseGlobalId(globalId('Run', 12), 'Project')).toBeUndefined();
    for (const bad of ['', 'not base64!', btoa('Run:'), btoa('Run:01'), btoa('Run:1x'), 42]) {
      expect(parseGlobalId(bad, 'Run')).toBeUndefined();
    }
  });
});

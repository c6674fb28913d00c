// API key records: a label for a name, never the secret or a part of it.
import { describe, expect, it } from 'vitest';
import {
  ACCEPTED_KEY_NAME,
  apiKeysOf,
  registerAcceptedKey,
} from '../../../src/emulator/domains/users/api-keys.js';
import { EmulatorStore } from '../../../src/emulator/store/store.js';

describe('emulator: registerAcceptedKey', () => {
  it("names the viewer's key record with a label", () => {
    const store = new EmulatorStore({ username: 'alice' });
    const record = registerAcceptedKey(store, '0123456789abcdef0123456789abcdef01234567');
    expect(record).toMatchObject({ username: 'alice', name: ACCEPTED_KEY_NAME });
    expect(apiKeysOf(store, 'alice')).toEqual([record]);
    expect(apiKeysOf(store, 'bob')).toEqual([]);
  });

  it('picks another label when the secret holds the label or the label holds the secret', () => {
    for (const secret of [
      ACCEPTED_KEY_NAME,
      `my-${ACCEPTED_KEY_NAME}-1`,
      'emulator',
      'key-1key-2key-3',
      'ulator-k',
    ]) {
      const store = new EmulatorStore({ username: 'alice' });
      const { name, description } = registerAcceptedKey(store, secret);
      expect(secret.includes(name)).toBe(false);
      expect(name.includes(secret)).toBe(false);
      expect(description?.includes(secret) ?? false).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { liveContent } from '../../../../src/facade/core/content.js';

describe('liveContent', () => {
  it("reads the file's current URL, so a renewal is seen by the next read", async () => {
    const file = { name: 'a.txt', size: 3 as number | undefined, directUrl: 'https://s/old' };
    const content = liveContent(file, async () => {
      file.directUrl = 'https://s/fresh';
    });
    expect([content.name, content.size, content.directUrl]).toEqual(['a.txt', 3, 'https://s/old']);
    await content.renew(new AbortController().signal);
    expect(content.directUrl).toBe('https://s/fresh');
    expect(content.renewable).toBeUndefined(); // renewable by default
  });
});

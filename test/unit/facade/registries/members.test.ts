// Registry member ids, as pure logic: user or team is read from the base64 GraphQL id
// (`User:<n>` / `Entity:<n>`, the official client's `MemberId`), re-encoded, deduplicated and
// sorted; anything else is a ValidationError naming the argument.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/errors/index.js';
import { memberIds } from '../../../../src/facade/registries/members-impl.js';

const user = (n: number | string): string => btoa(`User:${n}`);
const team = (n: number | string): string => btoa(`Entity:${n}`);

describe('memberIds', () => {
  it('splits users from teams by the decoded prefix, from ids or objects with an id', () => {
    expect(memberIds([user(2), { id: team(3) }, { id: user(1), name: 'x' }], 'members')).toEqual({
      userIds: [user(1), user(2)].sort(),
      teamIds: [team(3)],
    });
  });

  it('deduplicates, and re-encodes the number as the official client does (leading zeros dropped)', () => {
    expect(memberIds([user(1), user('001'), { id: user(1) }], 'members')).toEqual({
      userIds: [user(1)],
      teamIds: [],
    });
  });

  it('refuses no member, other kinds, other texts and non-ids, naming the argument', () => {
    expect(() => memberIds([], 'members')).toThrow(ValidationError);
    const cases: unknown[] = [
      btoa('Project:1'),
      btoa('Team:1'),
      btoa('User:'),
      btoa('User:1:2'),
      'not base64!',
      '',
      null,
      7,
      { id: 7 },
    ];
    for (const value of cases) {
      let error: unknown;
      try {
        memberIds([user(1), value], 'members');
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(value)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toMatch(/members\[1\]/);
    }
  });
});

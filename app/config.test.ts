import { describe, expect, it } from 'vitest';
import { ConfigError, findSecret, parseConfig } from './config';

const valid = {
  defaultCountry: 'EE',
  connections: [
    {
      vendor: 'telserver',
      id: 'hq',
      label: 'HQ TelServer',
      host: '10.0.0.5',
      port: 4000,
      lines: [{ device: '1100', label: 'Reception', passwordEnv: 'TS_PASSWORD' }],
    },
  ],
};
const first = valid.connections[0];

describe('parseConfig', () => {
  it('accepts the documented example', () => {
    expect(parseConfig(valid).connections[0]).toMatchObject({ id: 'hq', port: 4000, lines: [{ device: '1100' }] });
  });

  const { id: _id, ...withoutId } = first;
  it.each([
    [{ ...valid, connections: [{ ...first, port: 70000 }] }, 'connections[0].port', 'validation.port'],
    [{ ...valid, connections: [{ ...first, host: 'evil host; rm' }] }, 'connections[0].host', 'validation.host'],
    [{ ...valid, connections: [{ ...first, vendor: 'nortel' }] }, 'connections[0].vendor', 'validation.vendor'],
    [{ ...valid, connections: [{ ...first, lines: [] }] }, 'connections[0].lines', 'validation.atLeastOneLine'],
    [{ ...valid, connections: [{ ...first, lines: [{ device: '11a0' }] }] }, 'connections[0].lines[0].device', 'validation.number'],
    [
      { ...valid, connections: [{ ...first, lines: [{ device: '1100' }, { device: '1100' }] }] },
      'connections[0].lines[1].device',
      'validation.listedTwice',
    ],
    [{ ...valid, connections: [first, first] }, 'connections[1].id', 'validation.listedTwice'],
    [{ ...valid, colour: 'blue' }, 'colour', 'validation.unknownField'],
    // A vendor's own problems keep what they expected: an unknown field, a missing one.
    [{ ...valid, connections: [{ ...first, typo: 1 }] }, 'connections[0].typo', 'validation.unknownField'],
    [{ ...valid, connections: [withoutId] }, 'connections[0].id', 'validation.required'],
    [
      { ...valid, connections: [{ ...first, lines: [{ device: '1100', label: '' }] }] },
      'connections[0].lines[0].label',
      'validation.required',
    ],
    [{ ...valid, defaultCountry: 'Estonia' }, 'defaultCountry', 'validation.country'],
    [{ ...valid, defaultCountry: 'XX' }, 'defaultCountry', 'validation.country'],
    ['not a configuration', '', 'validation.object'],
  ])('refuses a bad config, naming the place and the problem (%#)', (raw, path, key) => {
    let error: unknown;
    try {
      parseConfig(raw, 'console.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems[0]).toMatchObject({ path, message: { key } });
    expect((error as ConfigError).message).toMatch(/^console\.json: /);
  });

  it('refuses a password written into the file, naming where, at any depth', () => {
    const withSecret = { ...valid, connections: [{ ...first, lines: [{ device: '1100', password: 'hunter2' }] }] };
    expect(() => parseConfig(withSecret)).toThrow(/connections\[0\]\.lines\[0\]\.password: Passwords do not belong/);
  });
});

describe('findSecret', () => {
  it('finds a secret-looking key at any depth without recursion', () => {
    let deep: unknown = { password: 'x' };
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findSecret(deep)).toMatch(/\.password$/);
    expect(findSecret({ a: [{ b: { userPassword: 1 } }] })).toBe('a[0].b.userPassword');
    expect(findSecret({ a: [{ b: 'password' }] })).toBeUndefined();
  });
});

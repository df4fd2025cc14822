import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig, passwordFor } from './config';

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

describe('parseConfig', () => {
  it('accepts the documented example', () => {
    expect(parseConfig(valid).connections[0]).toMatchObject({ id: 'hq', port: 4000, lines: [{ device: '1100' }] });
  });

  it.each([
    [{ ...valid, connections: [{ ...valid.connections[0], port: 70000 }] }, 'connections[0].port'],
    [{ ...valid, connections: [{ ...valid.connections[0], host: 'evil host; rm' }] }, 'connections[0].host'],
    [{ ...valid, connections: [{ ...valid.connections[0], vendor: 'nortel' }] }, 'connections[0].vendor'],
    [{ ...valid, connections: [{ ...valid.connections[0], lines: [] }] }, 'at least one line'],
    [{ ...valid, connections: [{ ...valid.connections[0], lines: [{ device: '11a0' }] }] }, 'lines[0].device'],
    [{ ...valid, connections: [valid.connections[0], valid.connections[0]] }, 'used twice'],
    [{ ...valid, colour: 'blue' }, 'colour'],
    [{ ...valid, defaultCountry: 'Estonia' }, 'defaultCountry'],
    ['[]', 'an object'],
  ])('refuses a bad config with the path (%#)', (raw, needle) => {
    expect(() => parseConfig(raw, 'console.json')).toThrow(ConfigError);
    expect(() => parseConfig(raw, 'console.json')).toThrow(needle);
  });

  it('refuses a password written into the file, naming where', () => {
    const withSecret = { ...valid, connections: [{ ...valid.connections[0], lines: [{ device: '1100', password: 'hunter2' }] }] };
    expect(() => parseConfig(withSecret)).toThrow(/connections\[0\]\.lines\[0\]\.password: passwords do not belong/);
  });
});

describe('loadConfig', () => {
  it('reports unreadable files and bad JSON clearly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'attendant-config-'));
    await expect(loadConfig(join(dir, 'missing.json'))).rejects.toThrow(/Cannot read the configuration file .*ENOENT/);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{ "connections": [ }');
    await expect(loadConfig(bad)).rejects.toThrow(/not valid JSON/);
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify(valid));
    await expect(loadConfig(good)).resolves.toMatchObject({ defaultCountry: 'EE' });
  });
});

describe('passwordFor', () => {
  it('reads the named variable and says which one is missing', () => {
    expect(passwordFor({ passwordEnv: 'TS_PASSWORD' }, { TS_PASSWORD: 's3cret' })).toBe('s3cret');
    expect(passwordFor({}, {})).toBeUndefined();
    expect(() => passwordFor({ passwordEnv: 'TS_PASSWORD' }, {})).toThrow(/TS_PASSWORD/);
  });
});

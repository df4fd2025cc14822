import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';

const base = {
  vendor: 'telia',
  id: 'tl',
  label: 'Telia',
  username: 'P0000000@elion.ee',
  passwordEnv: 'TELIA_PASSWORD',
  notifications: { mode: 'poll' },
};
const parse = (connection: Record<string, unknown>) => parseConfig({ connections: [connection] });

describe('Telia connection settings', () => {
  it('phonebookRefreshSeconds: optional, 5 to 3600 seconds', () => {
    expect(parse(base).connections[0]).not.toHaveProperty('phonebookRefreshSeconds');
    expect(parse({ ...base, phonebookRefreshSeconds: 30 }).connections[0]).toMatchObject({ phonebookRefreshSeconds: 30 });
    expect(() => parse({ ...base, phonebookRefreshSeconds: 1 })).toThrow(/connections\[0\]\.phonebookRefreshSeconds/);
    expect(() => parse({ ...base, phonebookRefreshSeconds: 2.5 })).toThrow(/connections\[0\]\.phonebookRefreshSeconds/);
  });
});

import { describe, expect, it } from 'vitest';
import { settingsDirFor, userDataDir } from './user-data-dir';

describe('userDataDir', () => {
  it('follows XDG on Linux, falling back to ~/.config (a relative XDG_CONFIG_HOME is ignored, as the spec says)', () => {
    expect(userDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/srv/cfg' }, home: '/home/r' })).toBe('/srv/cfg/attendant-console');
    expect(userDataDir({ platform: 'linux', env: {}, home: '/home/r' })).toBe('/home/r/.config/attendant-console');
    expect(userDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'cfg' }, home: '/home/r' })).toBe('/home/r/.config/attendant-console');
  });

  it('uses Application Support on macOS and %APPDATA% on Windows', () => {
    expect(userDataDir({ platform: 'darwin', env: {}, home: '/Users/r' })).toBe('/Users/r/Library/Application Support/attendant-console');
    expect(userDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\r\\AppData\\Roaming' }, home: 'C:\\Users\\r' })).toBe(
      'C:\\Users\\r\\AppData\\Roaming\\attendant-console',
    );
  });
});

describe('settingsDirFor', () => {
  const where = { platform: 'linux' as const, env: {}, home: '/home/r' };
  it('keeps the demo in its own profile beside the real one; --settings-dir wins', () => {
    expect(settingsDirFor({ demo: true }, where)).toBe('/home/r/.config/attendant-console/demo');
    expect(settingsDirFor({ demo: false }, where)).toBe('/home/r/.config/attendant-console');
    expect(settingsDirFor({ demo: true, settingsDir: '/tmp/t' }, where)).toBe('/tmp/t');
  });
});

import { ConsoleError } from '../core/errors';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TelServerConnectionConfig } from '../../app/vendors';
import { msg } from '../../app/i18n/message';
import { DEFAULT_PREFERENCES } from '../../app/preferences';
import type { CredentialStore } from './credentials';
import { PreferencesFile } from './preferences';
import { loadConfig } from './config-file';
import type { BaseConnectionConfig as ConnectionConfig } from '../../app/vendors';
import { memoryLogger } from '../testing/memory-logger';
import { SettingsService } from './settings-service';

/** An in-memory credential store (the real ones have their own tests). */
function memoryStore(refuse?: string): CredentialStore & { secrets: Map<string, string> } {
  const secrets = new Map<string, string>();
  return {
    secrets,
    storage: refuse ? 'unavailable' : 'keychain',
    description: refuse ? msg('credentials.unavailable', { reason: refuse }) : msg('credentials.keychain'),
    get: async (id) => secrets.get(id),
    set: async (id, secret) => {
      if (refuse) throw new ConsoleError(msg('credentials.unavailable', { reason: refuse }));
      secrets.set(id, secret);
    },
    delete: async (id) => void secrets.delete(id),
  };
}

function spyCore(taken: string[] = []) {
  return {
    addConnection: vi.fn((_c: ConnectionConfig) => {}),
    replaceConnection: vi.fn(async (_c: ConnectionConfig) => {}),
    removeConnection: vi.fn(async () => ({ ok: true as const })),
    testConnection: vi.fn(async (_c: ConnectionConfig, _p?: string) => ({
      ok: false as const,
      error: msg('transport.refused', { server: '127.0.0.1:9' }),
    })),
    hasConnection: vi.fn((id: string) => taken.includes(id)),
  };
}

const hq = (port = 4000): TelServerConnectionConfig => ({
  vendor: 'telserver',
  id: 'hq',
  label: 'HQ',
  host: '10.0.0.5',
  port,
  lines: [{ device: '1100', userId: 'op' }],
});

let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function setup(options: { taken?: string[]; refusePasswords?: string; connections?: ConnectionConfig[] } = {}) {
  dir = await mkdtemp(path.join(tmpdir(), 'settings-'));
  const configFile = path.join(dir, 'connections.json');
  const core = spyCore(options.taken);
  const credentials = memoryStore(options.refusePasswords);
  const preferences = new PreferencesFile(path.join(dir, 'preferences.json'), memoryLogger());
  const settings = new SettingsService({
    service: core,
    config: { defaultCountry: 'EE', connections: options.connections ?? [] },
    configFile,
    credentials,
    preferences,
    desktop: false,
    log: memoryLogger(),
  });
  return { settings, core, credentials, configFile };
}

describe('SettingsService', () => {
  it("names the configured PBXs' domains for click-to-dial, never an address or localhost", async () => {
    const { settings } = await setup();
    await settings.saveConnection({ connection: hq() });
    const branch: TelServerConnectionConfig = { ...hq(), id: 'branch', host: 'TelServer.Branch.Example.com' };
    const local: TelServerConnectionConfig = { ...hq(), id: 'local', host: 'localhost' };
    await settings.saveConnection({ connection: branch });
    await settings.saveConnection({ connection: local });
    expect(settings.pbxDomains).toEqual(['telserver.branch.example.com']);
  });

  it('saves a new connection to the file, its password only to the credential store, and starts it', async () => {
    const { settings, core, credentials, configFile } = await setup();
    const result = await settings.saveConnection({ connection: hq(), password: 'S3cret-pw' });
    expect(result).toMatchObject({ ok: true, settings: { connections: [{ connection: hq(), hasPassword: true }] } });
    expect(core.addConnection).toHaveBeenCalledWith(hq());
    expect(credentials.secrets.get('hq')).toBe('S3cret-pw');
    const onDisk = await readFile(configFile, 'utf8');
    expect(onDisk).not.toContain('S3cret-pw');
    expect((await loadConfig(configFile)).connections).toEqual([hq()]);
    // The view says a password is stored, never which.
    expect(JSON.stringify(await settings.view())).not.toContain('S3cret-pw');
  });

  it('replaces a saved connection with the same id, keeping the stored password when none is typed', async () => {
    const { settings, core, credentials } = await setup();
    await settings.saveConnection({ connection: hq(), password: 'pw1' });
    const renamed = { ...hq(), label: 'Head office', lines: [...hq().lines, { device: '1101', userId: 'op' }] };
    const result = await settings.saveConnection({ connection: renamed });
    expect(result.ok).toBe(true);
    expect(core.replaceConnection).toHaveBeenCalledWith(renamed);
    expect(credentials.secrets.get('hq')).toBe('pw1');
  });

  it('never sends a stored password to another address or login: the page must type it again', async () => {
    const { settings, core, credentials, configFile } = await setup();
    await settings.saveConnection({ connection: hq(), password: 'S3cret-from-keychain' });
    const saved = await readFile(configFile, 'utf8');
    const elsewhere = [{ ...hq(), host: 'attacker.example' }, hq(4100), { ...hq(), lines: [{ device: '1100', userId: 'admin' }] }];
    for (const connection of elsewhere) {
      expect(await settings.testConnection({ connection })).toEqual({ ok: false, error: { key: 'settings.passwordAgain' } });
      expect(await settings.saveConnection({ connection })).toEqual({ ok: false, error: { key: 'settings.passwordAgain' } });
    }
    expect(core.testConnection).not.toHaveBeenCalled();
    expect(core.replaceConnection).not.toHaveBeenCalled();
    expect(await readFile(configFile, 'utf8')).toBe(saved);
    // With the password typed, the new address is tested and saved, and the typed password replaces the stored one.
    await settings.testConnection({ connection: hq(4100), password: 'typed' });
    expect(core.testConnection).toHaveBeenCalledWith(hq(4100), 'typed');
    expect((await settings.saveConnection({ connection: hq(4100), password: 'typed' })).ok).toBe(true);
    expect(credentials.secrets.get('hq')).toBe('typed');
  });

  it('takes an environment variable holding a password from the configuration file only, and sends it only where the file says', async () => {
    const fromFile: TelServerConnectionConfig = { ...hq(), lines: [{ device: '1100', userId: 'op', passwordEnv: 'HQ_OPERATOR_PW' }] };
    const { settings, core } = await setup({ connections: [fromFile] });
    const other: TelServerConnectionConfig = { ...hq(), id: 'new', lines: [{ device: '1200', passwordEnv: 'HQ_OPERATOR_PW' }] };
    const renamedVariable: TelServerConnectionConfig = {
      ...fromFile,
      lines: [{ device: '1100', userId: 'op', passwordEnv: 'AWS_SECRET_ACCESS_KEY' }],
    };
    const moved: TelServerConnectionConfig = { ...fromFile, host: 'attacker.example' };
    for (const connection of [other, renamedVariable, moved]) {
      expect(await settings.testConnection({ connection })).toEqual({ ok: false, error: { key: 'settings.passwordEnvFixed' } });
      expect(await settings.saveConnection({ connection })).toEqual({ ok: false, error: { key: 'settings.passwordEnvFixed' } });
    }
    expect(core.testConnection).not.toHaveBeenCalled();
    // The saved settings as the file has them, edited elsewhere, still test and save.
    await settings.testConnection({ connection: { ...fromFile, label: 'Head office' } });
    expect(core.testConnection).toHaveBeenCalledTimes(1);
    expect((await settings.saveConnection({ connection: { ...fromFile, label: 'Head office' } })).ok).toBe(true);
  });

  it("refuses invalid settings with the vendor validator's words and saves nothing", async () => {
    const { settings, core, configFile } = await setup();
    expect(await settings.saveConnection({ connection: hq(70000) })).toEqual({
      ok: false,
      error: { key: 'settings.invalid' },
      problems: [{ path: 'connection.port', message: { key: 'validation.port', params: { requirement: 65535, values: '<=65535' } } }],
    });
    expect(await settings.saveConnection({ connection: { ...hq(), password: 'x' } as TelServerConnectionConfig })).toMatchObject({
      ok: false,
      problems: [{ path: 'connection.password', message: { key: 'config.noPasswords' } }],
    });
    expect(core.addConnection).not.toHaveBeenCalled();
    await expect(readFile(configFile)).rejects.toThrow(/ENOENT/);
  });

  it('saves nothing when the password cannot be stored, or the id belongs to a connection not saved here', async () => {
    const refused = await setup({ refusePasswords: 'Passwords cannot be saved on this computer.' });
    expect(await refused.settings.saveConnection({ connection: hq(), password: 'pw' })).toEqual({
      ok: false,
      error: { key: 'credentials.unavailable', params: { reason: 'Passwords cannot be saved on this computer.' } },
    });
    expect(refused.core.addConnection).not.toHaveBeenCalled();
    await expect(readFile(refused.configFile)).rejects.toThrow(/ENOENT/);
    await rm(dir, { recursive: true, force: true });

    const taken = await setup({ taken: ['hq'] });
    expect(await taken.settings.saveConnection({ connection: hq() })).toMatchObject({
      ok: false,
      error: { key: 'settings.idTaken', params: { id: 'hq' } },
    });
  });

  it('removes a connection: from the file, the core and the credential store', async () => {
    const { settings, core, credentials, configFile } = await setup();
    await settings.saveConnection({ connection: hq(), password: 'pw' });
    expect(await settings.removeConnection('hq')).toMatchObject({ ok: true, settings: { connections: [] } });
    expect(core.removeConnection).toHaveBeenCalledWith('hq');
    expect(credentials.secrets.has('hq')).toBe(false);
    expect((await loadConfig(configFile)).connections).toEqual([]);
    expect(await settings.removeConnection('hq')).toMatchObject({ ok: false });
  });

  it('tests with the vendor-validated settings and the typed password, saving nothing', async () => {
    const { settings, core, configFile } = await setup();
    expect(await settings.testConnection({ connection: hq(9), password: 'typed' })).toEqual({
      ok: false,
      error: { key: 'transport.refused', params: { server: '127.0.0.1:9' } },
    });
    expect(core.testConnection).toHaveBeenCalledWith(hq(9), 'typed');
    expect(await settings.testConnection({ connection: hq(0) })).toMatchObject({
      ok: false,
      problems: [{ path: 'connection.port', message: { key: 'validation.port' } }],
    });
    await expect(readFile(configFile)).rejects.toThrow(/ENOENT/);
  });

  it('saves preferences; a new default country is written to the file and restarts the saved connections', async () => {
    const { settings, core, configFile } = await setup();
    await settings.saveConnection({ connection: hq() });
    const preferences = { ...DEFAULT_PREFERENCES, confirmBeforeDial: true };
    expect(await settings.savePreferences({ defaultCountry: 'EE', preferences })).toMatchObject({ ok: true, settings: { preferences } });
    expect(core.replaceConnection).not.toHaveBeenCalled();
    await settings.savePreferences({ defaultCountry: 'FI', preferences });
    expect(core.replaceConnection).toHaveBeenCalledWith(hq());
    expect(settings.defaultCountry).toBe('FI');
    expect((await loadConfig(configFile)).defaultCountry).toBe('FI');
  });
});

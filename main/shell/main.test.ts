import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel, isRequestMethod, REQUESTS } from '../../app/contract';
import { msg } from '../../app/i18n/message';
import type { DesktopPreferences } from '../../app/preferences';
import type { ConsoleState } from '../../app/model';
import { call, connection, consoleState, line } from '../../app/testing/fixtures';
import { fakeStateService } from '../testing/fake-state-service';

/** The slice of Electron main.ts touches, recording what it is asked to do. */
const electron = vi.hoisted(() => {
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const windows: {
    options: unknown;
    url?: string;
    restore: ReturnType<typeof vi.fn>;
    focus: ReturnType<typeof vi.fn>;
    hide: ReturnType<typeof vi.fn>;
    close: ReturnType<typeof vi.fn>;
    once: ReturnType<typeof vi.fn>;
    loadURL: ReturnType<typeof vi.fn>;
    webContents: { send: ReturnType<typeof vi.fn>; isLoading: ReturnType<typeof vi.fn>; once: ReturnType<typeof vi.fn> };
    listeners: Map<string, (...args: unknown[]) => void>;
  }[] = [];
  class BrowserWindow {
    options: unknown;
    url?: string;
    listeners = new Map<string, (...args: unknown[]) => void>();
    once = vi.fn();
    constructor(options: unknown) {
      this.options = options;
      windows.push(this);
    }
    on = vi.fn((event: string, listener: (...args: unknown[]) => void) => this.listeners.set(event, listener));
    isDestroyed = () => false;
    isMinimized = () => true;
    restore = vi.fn();
    show = vi.fn();
    hide = vi.fn();
    focus = vi.fn();
    loadURL = vi.fn(async (url: string) => {
      this.url = url;
    });
    webContents = { send: vi.fn(), isLoading: vi.fn(() => false), once: vi.fn() };
    setAlwaysOnTop = vi.fn();
    showInactive = vi.fn();
    close = vi.fn();
  }
  const trays: { image: unknown; tooltip?: string; menu?: unknown; destroy: ReturnType<typeof vi.fn> }[] = [];
  class Tray {
    image: unknown;
    tooltip?: string;
    menu?: unknown;
    constructor(image: unknown) {
      this.image = image;
      trays.push(this);
    }
    setImage = vi.fn((image: unknown) => void (this.image = image));
    setToolTip = vi.fn((text: string) => void (this.tooltip = text));
    setContextMenu = vi.fn((menu: unknown) => void (this.menu = menu));
    on = vi.fn();
    destroy = vi.fn();
  }
  const notifications: { options: { title: string; body: string }; shown: boolean; closed: boolean; listeners: Map<string, () => void> }[] =
    [];
  class Notification {
    static isSupported = () => true;
    shown = false;
    closed = false;
    listeners = new Map<string, () => void>();
    constructor(public options: { title: string; body: string }) {
      notifications.push(this);
    }
    on(event: string, listener: () => void) {
      this.listeners.set(event, listener);
    }
    show() {
      this.shown = true;
    }
    close() {
      this.closed = true;
    }
  }
  const powerListeners = new Map<string, () => void>();
  /** nativeTheme: themeSource overrides the OS scheme (osDark) and says so with 'updated'. */
  const themeListeners = new Set<() => void>();
  const nativeTheme = {
    source: 'system' as 'system' | 'light' | 'dark',
    osDark: false,
    get themeSource() {
      return this.source;
    },
    set themeSource(source: 'system' | 'light' | 'dark') {
      this.source = source;
      for (const listener of [...themeListeners]) listener();
    },
    get shouldUseDarkColors() {
      return this.source === 'system' ? this.osDark : this.source === 'dark';
    },
    switchOs(dark: boolean) {
      this.osDark = dark;
      for (const listener of [...themeListeners]) listener();
    },
    on: vi.fn((_event: string, listener: () => void) => themeListeners.add(listener)),
    removeListener: vi.fn((_event: string, listener: () => void) => themeListeners.delete(listener)),
  };
  return {
    appListeners,
    windows,
    trays,
    notifications,
    powerListeners,
    themeListeners,
    module: {
      app: {
        isPackaged: true,
        requestSingleInstanceLock: vi.fn(() => true),
        quit: vi.fn(),
        exit: vi.fn(),
        on: vi.fn((event: string, listener: (...args: unknown[]) => void) => appListeners.set(event, listener)),
        whenReady: vi.fn(() => Promise.resolve()),
        setName: vi.fn(),
        setAppUserModelId: vi.fn(),
        setAsDefaultProtocolClient: vi.fn(() => true),
        setLoginItemSettings: vi.fn(),
        getPath: vi.fn(() => ''),
        getPreferredSystemLanguages: vi.fn(() => ['en-US']),
      },
      BrowserWindow,
      Tray,
      Notification,
      Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })) },
      nativeImage: { createFromPath: vi.fn((file: string) => ({ file })) },
      nativeTheme,
      globalShortcut: { register: vi.fn(() => true), unregister: vi.fn() },
      net: { isOnline: vi.fn(() => true) },
      dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) },
      ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
      powerMonitor: {
        on: vi.fn((event: string, listener: () => void) => powerListeners.set(event, listener)),
        removeListener: vi.fn(),
      },
      shell: { openExternal: vi.fn(async () => {}) },
      screen: {
        getCursorScreenPoint: vi.fn(() => ({ x: 2500, y: 500 })),
        getDisplayNearestPoint: vi.fn(() => ({ workArea: { x: 1920, y: 0, width: 1920, height: 1050 } })),
      },
      session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      // No real encryption here: with no keychain either, the store refuses to save passwords (and says so).
      safeStorage: { isEncryptionAvailable: vi.fn(() => false), encryptString: vi.fn(), decryptString: vi.fn() },
    },
  };
});
vi.mock('electron', () => electron.module);
// No Secret Service in the tests: keytar answers the way it does on a desktop without one.
vi.mock('keytar', () => ({
  default: { findCredentials: vi.fn(async () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'))) },
}));

const runtime = vi.hoisted(() => ({
  createRuntime: vi.fn(),
  stop: vi.fn(async () => {}),
}));
vi.mock('../runtime/bootstrap', () => ({ createRuntime: runtime.createRuntime }));

/** Who rings in these tests. */
const CALLER = { number: '+3725123456', name: 'Kalev Kask' };
const ONLINE = consoleState({
  connections: [connection({ id: 'pbx', state: 'online', label: 'Demo PBX' })],
  lines: [line({ id: 'pbx/100', label: 'Reception' })],
});
const STARTING = consoleState({ connections: [connection({ id: 'pbx', state: 'connecting', label: 'Demo PBX' })] });

/** The core as main.ts sees it: a state a test replaces, and spies for what the shell asks of it. */
function fakeService(initial: ConsoleState) {
  return {
    ...fakeStateService(initial),
    start: vi.fn(),
    reconnectAll: vi.fn(),
    execute: vi.fn(async () => ({ ok: true as const })),
    searchDirectory: vi.fn(async () => []),
    reconnect: vi.fn(() => ({ ok: true as const })),
    directory: { identify: vi.fn((_number: string, _connectionId: string, _country: string): { name: string } | undefined => undefined) },
  };
}
let service = fakeService(ONLINE);
const fakeSettings = { view: vi.fn(async () => ({ connections: [] })) };

async function loadMain(argv: string[] = []): Promise<void> {
  vi.resetModules();
  process.argv = ['/opt/attendant/attendant-console', ...argv];
  const progress = () =>
    runtime.createRuntime.mock.calls.length +
    electron.module.app.quit.mock.calls.length +
    electron.module.dialog.showErrorBox.mock.calls.length;
  const before = progress();
  await import('./main');
  // Let app.whenReady().then(start) run (it reads the preferences file first); a second load in one test waits for its own start.
  await vi.waitFor(() => expect(progress()).toBeGreaterThan(before));
  await new Promise((resolve) => setTimeout(resolve, 10));
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Writes the preferences file main.ts reads at start. */
function savedPreferences(preferences: Record<string, unknown>): void {
  const userData = electron.module.app.getPath();
  writeFileSync(path.join(userData, 'preferences.json'), JSON.stringify(preferences));
  electron.module.app.getPath.mockReturnValue(userData);
}

/** The preferences file main.ts handed the runtime: saving through it is what the settings view does. */
function preferencesFile(): { get(): DesktopPreferences; save(next: unknown): Promise<DesktopPreferences> } {
  return (runtime.createRuntime.mock.calls.at(-1) as unknown as [{ preferences: never }])[0].preferences;
}

function menuLabels(tray: { menu?: unknown }): (string | undefined)[] {
  return (tray.menu as { template: { label?: string }[] }).template.map((item) => item.label);
}

beforeEach(() => {
  vi.clearAllMocks();
  electron.appListeners.clear();
  electron.windows.length = 0;
  electron.trays.length = 0;
  electron.notifications.length = 0;
  electron.powerListeners.clear();
  electron.themeListeners.clear();
  electron.module.nativeTheme.source = 'system';
  electron.module.nativeTheme.osDark = false;
  electron.module.app.requestSingleInstanceLock.mockReturnValue(true);
  electron.module.app.getPreferredSystemLanguages.mockReturnValue(['en-US']);
  electron.module.app.getPath.mockReturnValue(mkdtempSync(path.join(tmpdir(), 'attendant-user-')));
  service = fakeService(ONLINE);
  runtime.createRuntime.mockImplementation(async () => ({ service, settings: fakeSettings, description: 'demo PBX', stop: runtime.stop }));
  process.env.ATTENDANT_LOG = 'error';
});

describe('Electron main', () => {
  it('quits at once when another instance is running, starting nothing', async () => {
    electron.module.app.requestSingleInstanceLock.mockReturnValue(false);
    await loadMain();
    expect(electron.module.app.quit).toHaveBeenCalled();
    expect(runtime.createRuntime).not.toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
  });

  it('runs the demo, wires IPC and opens one locked-down window on the built page', async () => {
    await loadMain();
    expect(runtime.createRuntime).toHaveBeenCalledWith(
      expect.objectContaining({
        demo: 'telserver',
        desktop: true,
        settingsDir: electron.module.app.getPath(),
        credentials: expect.objectContaining({ storage: 'unavailable' }),
        systemLanguages: ['en-US'],
      }),
    );
    expect(service.start).toHaveBeenCalled();
    const channels = electron.module.ipcMain.handle.mock.calls.map((call) => call[0]);
    const requestChannels = Object.keys(REQUESTS).filter(isRequestMethod).map(ipcChannel);
    expect(channels.sort()).toEqual(requestChannels.sort());
    // The settings channels reach the runtime's settings service.
    const getSettings = electron.module.ipcMain.handle.mock.calls.find((call) => call[0] === ipcChannel('getSettings'))![1] as (
      event: unknown,
    ) => Promise<unknown>;
    await getSettings({ senderFrame: { url: electron.windows[0].url, parent: null } });
    expect(fakeSettings.view).toHaveBeenCalled();
    expect(electron.module.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0].options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    expect(electron.windows[0].url).toBe('app://console/index.html');
    expect(electron.appListeners.has('web-contents-created')).toBe(true);
  });

  it('registers the app scheme before ready and serves the built renderer on it once ready', async () => {
    let ready = () => {};
    electron.module.app.whenReady.mockReturnValueOnce(new Promise<void>((resolve) => (ready = resolve)));
    vi.resetModules();
    process.argv = ['/opt/attendant/attendant-console'];
    await import('./main');
    const { registerSchemesAsPrivileged, handle } = electron.module.protocol;
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(electron.module.app.whenReady.mock.invocationCallOrder[0]);
    await flush();
    expect(handle).not.toHaveBeenCalled();
    ready();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    expect(handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(handle.mock.invocationCallOrder[0]).toBeLessThan(electron.windows[0].loadURL.mock.invocationCallOrder[0]);
    // It is the app scheme's handler (app-protocol.test.ts proves what it serves): another host is refused.
    const serve = handle.mock.calls[0][1] as (request: Request) => Promise<Response>;
    expect((await serve(new Request('app://evil/index.html'))).status).toBe(403);
  });

  it('a second launch focuses the existing window instead of opening another', async () => {
    await loadMain();
    electron.appListeners.get('second-instance')!();
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0].restore).toHaveBeenCalled();
    expect(electron.windows[0].focus).toHaveBeenCalled();
  });

  it('holds the quit until the runtime has stopped every connection', async () => {
    await loadMain();
    const beforeQuit = electron.appListeners.get('before-quit')!;
    const event = { preventDefault: vi.fn() };
    beforeQuit(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(runtime.stop).toHaveBeenCalledTimes(1);
    expect(electron.module.ipcMain.removeHandler).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.module.app.quit).toHaveBeenCalled());
    // The quit that follows goes through.
    const second = { preventDefault: vi.fn() };
    beforeQuit(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(runtime.stop).toHaveBeenCalledTimes(1);
  });

  it('shows why it cannot start (a bad config) and exits', async () => {
    runtime.createRuntime.mockImplementation(async () => {
      // The class main.ts knows: loadMain() re-imports every module.
      const { ConfigError } = await import('../../app/config');
      throw new ConfigError('config.json', [{ path: 'connections[0].port', message: msg('validation.integer') }]);
    });
    await loadMain();
    expect(electron.module.dialog.showErrorBox).toHaveBeenCalledWith(
      'Attendant Console cannot start',
      'config.json: connections[0].port: A whole number.',
    );
    expect(electron.module.app.exit).toHaveBeenCalledWith(2);
  });

  it("says it cannot start in the system's language, and any other failure as one message", async () => {
    electron.module.app.getPreferredSystemLanguages.mockReturnValue(['de-AT', 'en-US']);
    runtime.createRuntime.mockRejectedValue(new Error('EACCES: permission denied'));
    await loadMain();
    expect(electron.module.dialog.showErrorBox).toHaveBeenCalledWith(
      'Vermittlungsplatz kann nicht gestartet werden',
      expect.stringContaining('EACCES: permission denied'),
    );
  });
});

describe('click to dial', () => {
  it('cold start: a tel: link on the first command line waits for a line, then dials once', async () => {
    service = fakeService(STARTING);
    await loadMain(['tel:+372-640-1234']);
    expect(service.execute).not.toHaveBeenCalled();
    service.setState(ONLINE);
    await flush();
    expect(service.execute).toHaveBeenCalledTimes(1);
    expect(service.execute).toHaveBeenCalledWith({ kind: 'dial', lineId: 'pbx/100', to: '+3726401234' });
  });

  it('a second launch hands its link to the running instance, which dials it and comes forward', async () => {
    await loadMain();
    electron.appListeners.get('second-instance')!({}, ['/opt/attendant/attendant-console', '--no-sandbox', 'callto://+3726401234'], '/');
    await flush();
    expect(service.execute).toHaveBeenCalledWith({ kind: 'dial', lineId: 'pbx/100', to: '+3726401234' });
    expect(electron.windows[0].focus).toHaveBeenCalled();
  });

  it('macOS open-url before the app is ready is kept and dialled once the core runs', async () => {
    electron.module.app.whenReady.mockImplementationOnce(async () => {
      const event = { preventDefault: vi.fn() };
      electron.appListeners.get('open-url')!(event, 'tel:1100');
      expect(event.preventDefault).toHaveBeenCalled();
    });
    await loadMain();
    await flush();
    expect(service.execute).toHaveBeenCalledWith({ kind: 'dial', lineId: 'pbx/100', to: '1100' });
  });

  it('a hostile link is refused with a notification and never reaches the core', async () => {
    await loadMain();
    electron.appListeners.get('second-instance')!({}, ['/x', 'tel:+1;ext=1%0a$(reboot)'], '/');
    await flush();
    expect(service.execute).not.toHaveBeenCalled();
    expect(electron.notifications.at(-1)?.options).toEqual({ title: 'Click to dial', body: 'The link\'s "ext" parameter is malformed.' });
  });

  it('asks before dialling in the chosen language, and says in it when the link was not dialled', async () => {
    savedPreferences({ confirmBeforeDial: true, language: 'de' });
    electron.module.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    await loadMain();
    electron.appListeners.get('second-instance')!({}, ['/x', 'tel:1100'], '/');
    await vi.waitFor(() => expect(electron.notifications.at(-1)?.options.body).toBe('1100 wurde nicht gewählt.'));
    expect(electron.module.dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({ buttons: ['Wählen', 'Abbrechen'], title: 'Wählen per Klick', message: '1100 auf Reception wählen?' }),
    );
    expect(electron.notifications.at(-1)?.options.title).toBe('Wählen per Klick');
    expect(service.execute).not.toHaveBeenCalled();
  });

  it('the confirmation names who the number belongs to when the directory knows', async () => {
    savedPreferences({ confirmBeforeDial: true });
    service.directory.identify.mockReturnValue({ name: 'Mart Kuusk' });
    electron.module.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    await loadMain();
    electron.appListeners.get('second-instance')!({}, ['/x', 'tel:1103'], '/');
    await vi.waitFor(() => expect(electron.module.dialog.showMessageBox).toHaveBeenCalled());
    expect(service.directory.identify).toHaveBeenCalledWith('1103', expect.any(String), expect.any(String));
    expect(JSON.stringify(electron.module.dialog.showMessageBox.mock.calls.at(-1))).toContain('Mart Kuusk');
  });
});

describe('tray, alerts and shortcuts', () => {
  it('the tray follows the console: idle, ringing, offline', async () => {
    await loadMain();
    const tray = electron.trays[0];
    expect(tray.image).toEqual({ file: expect.stringMatching(/assets\/tray-idle\.png$/) });
    service.setState(
      consoleState({
        ...{ connections: [connection({ id: 'pbx', state: 'online' })], lines: [line({ id: 'pbx/100' })] },
        calls: [call({ id: 'pbx/100#1', remote: CALLER })],
      }),
    );
    expect(tray.image).toEqual({ file: expect.stringMatching(/tray-ringing\.png$/) });
    expect(tray.tooltip).toBe('Attendant Console: 1 call ringing');
    service.setState(STARTING);
    expect(tray.image).toEqual({ file: expect.stringMatching(/tray-offline\.png$/) });
  });

  it('the tray and the alerts speak the language chosen in Settings, and switch when it changes', async () => {
    await loadMain();
    const tray = electron.trays[0];
    expect(tray.tooltip).toBe('Attendant Console: all connections online');
    expect(menuLabels(tray)).toEqual(['Show', 'Do not disturb', undefined, 'Demo PBX: Online', undefined, 'Quit']);

    await preferencesFile().save({ ...preferencesFile().get(), language: 'de' });
    expect(tray.tooltip).toBe('Vermittlungsplatz: alle Verbindungen online');
    expect(menuLabels(tray)).toEqual(['Anzeigen', 'Nicht stören', undefined, 'Demo PBX: Online', undefined, 'Beenden']);
    service.setState({ ...ONLINE, calls: consoleState({ calls: [call({ id: 'pbx/100#1', remote: CALLER })] }).calls });
    expect(tray.tooltip).toBe('Vermittlungsplatz: 1 Anruf klingelt');
    const alert = electron.notifications.find((n) => n.options.title === 'Kalev Kask ruft an')!;
    expect(alert.options).toMatchObject({ body: '+3725123456 · auf Reception', actions: [{ type: 'button', text: 'Annehmen' }] });

    // Back to the system's language: Russian on this machine.
    electron.module.app.getPreferredSystemLanguages.mockReturnValue(['ru-RU']);
    await preferencesFile().save({ ...preferencesFile().get(), language: 'system' });
    expect(tray.tooltip).toBe('Пульт секретаря: 1 входящий звонок');
    expect(alert.closed).toBe(true);
    expect(electron.notifications.at(-1)?.options.title).toBe('Kalev Kask звонит');
  });

  it("starts in the system's language when the preference says so", async () => {
    electron.module.app.getPreferredSystemLanguages.mockReturnValue(['et-EE']);
    await loadMain();
    expect(electron.trays[0].tooltip).toBe('Vastuvõtukonsool: kõik ühendused on võrgus');
    expect(runtime.createRuntime).toHaveBeenCalledWith(expect.objectContaining({ systemLanguages: ['et-EE'] }));
  });

  it('the saved theme preference becomes nativeTheme.themeSource, and other saves keep it', async () => {
    const userData = electron.module.app.getPath();
    writeFileSync(path.join(userData, 'preferences.json'), JSON.stringify({ theme: 'dark' }));
    electron.module.app.getPath.mockReturnValue(userData);
    await loadMain();
    expect(electron.module.nativeTheme.themeSource).toBe('dark');
    const tray = electron.trays[0];
    // The app's dark theme is not the panel's: the panel is still light.
    expect(tray.image).toEqual({ file: expect.stringMatching(/assets\/tray-idle\.png$/) });
    const menu = (tray.menu as { template: { label: string; click: () => void }[] }).template;
    menu.find((item) => item.label === 'Do not disturb')!.click();
    await vi.waitFor(() => expect(tray.tooltip).toMatch(/do not disturb/));
    expect(electron.module.nativeTheme.themeSource).toBe('dark');
  });

  it("the tray's do-not-disturb tells the window to read the settings again (its ring sound goes silent)", async () => {
    await loadMain();
    const menu = (electron.trays[0].menu as { template: { label: string; click: () => void }[] }).template;
    menu.find((item) => item.label === 'Do not disturb')!.click();
    await vi.waitFor(() => expect(electron.windows[0].webContents.send).toHaveBeenCalledWith(ipcChannel('settingsChanged')));
  });

  it('the tray icon follows the panel: light-outlined while the OS is dark', async () => {
    await loadMain();
    const tray = electron.trays[0];
    expect(electron.module.nativeTheme.themeSource).toBe('system');
    electron.module.nativeTheme.switchOs(true);
    expect(tray.image).toEqual({ file: expect.stringMatching(/assets\/tray-idle-dark\.png$/) });
    electron.module.nativeTheme.switchOs(false);
    expect(tray.image).toEqual({ file: expect.stringMatching(/assets\/tray-idle\.png$/) });
    electron.appListeners.get('before-quit')!({ preventDefault: vi.fn() });
    expect(electron.themeListeners.size).toBe(0);
  });

  it('a ringing call shows a notification that closes when the call is answered elsewhere; its Answer button answers', async () => {
    await loadMain();
    const ringing = consoleState({
      connections: [connection({ id: 'pbx', state: 'online' })],
      lines: [line({ id: 'pbx/100', label: 'Reception' })],
      calls: [call({ id: 'pbx/100#1', remote: CALLER })],
    });
    service.setState(ringing);
    const alert = electron.notifications.find((n) => n.options.title === 'Kalev Kask is calling')!;
    expect(alert.shown).toBe(true);
    expect(alert.options).toMatchObject({ icon: expect.stringMatching(/assets\/icon\.png$/) });
    alert.listeners.get('action')!();
    expect(service.execute).toHaveBeenCalledWith({ kind: 'answer', callId: 'pbx/100#1' });
    service.setState({ ...ringing, calls: { 'pbx/100#1': { ...ringing.calls['pbx/100#1'], state: 'connected' } } });
    expect(alert.closed).toBe(true);
  });

  it('a click on the alert brings the window forward and tells its page to show that call', async () => {
    await loadMain();
    service.setState(
      consoleState({
        connections: [connection({ id: 'pbx', state: 'online' })],
        lines: [line({ id: 'pbx/100' })],
        calls: [call({ id: 'pbx/100#1', remote: CALLER })],
      }),
    );
    const alert = electron.notifications.find((n) => n.options.title === 'Kalev Kask is calling')!;
    alert.listeners.get('click')!();
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0].focus).toHaveBeenCalled();
    expect(electron.windows[0].webContents.send).toHaveBeenCalledWith(ipcChannel('focusCall'), 'pbx/100#1');
  });

  it('a window still loading hears which call to show once its page has loaded', async () => {
    await loadMain();
    const window = electron.windows[0];
    window.webContents.isLoading.mockReturnValue(true);
    service.setState(
      consoleState({
        connections: [connection({ id: 'pbx', state: 'online' })],
        lines: [line({ id: 'pbx/100' })],
        calls: [call({ id: 'pbx/100#1', remote: CALLER })],
      }),
    );
    electron.notifications.find((n) => n.options.title === 'Kalev Kask is calling')!.listeners.get('click')!();
    expect(window.webContents.send).not.toHaveBeenCalled();
    const [event, send] = window.webContents.once.mock.calls[0] as [string, () => void];
    expect(event).toBe('did-finish-load');
    send();
    expect(window.webContents.send).toHaveBeenCalledWith(ipcChannel('focusCall'), 'pbx/100#1');
  });

  it("with the alert-window preference on, a ringing call also opens a hardened always-on-top window on the cursor's display, closed with the alert", async () => {
    const userData = electron.module.app.getPath();
    writeFileSync(
      path.join(userData, 'preferences.json'),
      JSON.stringify({ alerts: { enabled: true, doNotDisturb: false, alertWindow: true } }),
    );
    electron.module.app.getPath.mockReturnValue(userData);
    await loadMain();
    const ringing = consoleState({
      connections: [connection({ id: 'pbx', state: 'online' })],
      lines: [line({ id: 'pbx/100' })],
      calls: [call({ id: 'pbx/100#1', remote: CALLER })],
    });
    service.setState(ringing);
    expect(electron.windows).toHaveLength(2);
    const alertWindow = electron.windows[1];
    expect(alertWindow.options).toMatchObject({
      frame: false,
      alwaysOnTop: true,
      x: 1920 + 1920 - 16 - 360,
      y: 16,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        preload: expect.stringMatching(/preload\/index\.js$/),
      },
    });
    expect(alertWindow.url).toBe('app://console/index.html#alert/pbx%2F100%231');
    expect(electron.module.screen.getDisplayNearestPoint).toHaveBeenCalledWith({ x: 2500, y: 500 });
    // The alert window's Show button: the main window comes forward with the call selected.
    const showCall = electron.module.ipcMain.handle.mock.calls.find((c) => c[0] === ipcChannel('showCall'))![1] as (
      event: unknown,
      callId: string,
    ) => Promise<unknown>;
    await showCall({ senderFrame: { url: alertWindow.url, parent: null } }, 'pbx/100#1');
    expect(electron.windows[0].webContents.send).toHaveBeenCalledWith(ipcChannel('focusCall'), 'pbx/100#1');
    service.setState({ ...ringing, calls: {} });
    expect(alertWindow.close).toHaveBeenCalled();
  });

  it('opens no alert window while the preference is off (the default)', async () => {
    await loadMain();
    service.setState(
      consoleState({
        connections: [connection({ id: 'pbx', state: 'online' })],
        lines: [line({ id: 'pbx/100' })],
        calls: [call({ id: 'pbx/100#1', remote: CALLER })],
      }),
    );
    expect(electron.windows).toHaveLength(1);
  });

  it('a CRM lookup opens the configured CRM in the default browser, and nothing when no CRM is set', async () => {
    const lookUp = () =>
      electron.module.ipcMain.handle.mock.calls.findLast((c) => c[0] === ipcChannel('lookUpInCrm'))![1] as (
        event: unknown,
        number: string,
      ) => Promise<unknown>;
    await loadMain();
    const fromPage = { senderFrame: { url: electron.windows[0].url, parent: null } };
    expect(await lookUp()(fromPage, '5551234')).toEqual({ result: { ok: false, error: { key: 'crm.notSet' } } });
    expect(electron.module.shell.openExternal).not.toHaveBeenCalled();

    const userData = electron.module.app.getPath();
    writeFileSync(
      path.join(userData, 'preferences.json'),
      JSON.stringify({ crmUrlTemplate: 'https://crm.example.com/search?phone={number}' }),
    );
    electron.module.app.getPath.mockReturnValue(userData);
    await loadMain();
    const fromNewPage = { senderFrame: { url: electron.windows.at(-1)!.url, parent: null } };
    expect(await lookUp()(fromNewPage, '+3725123456')).toEqual({ result: { ok: true } });
    expect(electron.module.shell.openExternal).toHaveBeenCalledWith('https://crm.example.com/search?phone=%2B3725123456');
  });

  it('registers the answer and hang-up shortcuts, which act on the right call', async () => {
    await loadMain();
    const [[answerKey, answer]] = electron.module.globalShortcut.register.mock.calls as unknown as [string, () => void][];
    expect(answerKey).toBe('CommandOrControl+Alt+A');
    service.setState(
      consoleState({ connections: [connection({ id: 'pbx', state: 'online' })], calls: [call({ id: 'pbx/100#7', remote: CALLER })] }),
    );
    answer();
    expect(service.execute).toHaveBeenCalledWith({ kind: 'answer', callId: 'pbx/100#7' });
  });

  it('reconnects every connection when the computer wakes up', async () => {
    await loadMain();
    electron.powerListeners.get('resume')!();
    expect(service.reconnectAll).toHaveBeenCalledWith(msg('desktop.reconnect.resume'));
  });

  it('closing the window keeps the console in the tray; quitting releases shortcuts and the tray', async () => {
    await loadMain();
    const event = { preventDefault: vi.fn() };
    electron.windows[0].listeners.get('close')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(electron.windows[0].hide).toHaveBeenCalled();
    electron.appListeners.get('before-quit')!({ preventDefault: vi.fn() });
    expect(electron.module.globalShortcut.unregister).toHaveBeenCalled();
    expect(electron.trays[0].destroy).toHaveBeenCalled();
  });

  it('registers itself for tel: and callto: links', async () => {
    await loadMain();
    expect(electron.module.app.setAsDefaultProtocolClient.mock.calls).toEqual([['tel'], ['callto']]);
  });
});

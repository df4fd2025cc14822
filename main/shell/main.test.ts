import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../app/contract';

/** The slice of Electron main.ts touches, recording what it is asked to do. */
const electron = vi.hoisted(() => {
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const windows: { options: unknown; url?: string; restore: ReturnType<typeof vi.fn>; focus: ReturnType<typeof vi.fn> }[] = [];
  class BrowserWindow {
    options: unknown;
    url?: string;
    once = vi.fn();
    constructor(options: unknown) {
      this.options = options;
      windows.push(this);
    }
    on = vi.fn();
    isDestroyed = () => false;
    isMinimized = () => true;
    restore = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    loadURL = vi.fn(async (url: string) => {
      this.url = url;
    });
  }
  return {
    appListeners,
    windows,
    module: {
      app: {
        isPackaged: true,
        requestSingleInstanceLock: vi.fn(() => true),
        quit: vi.fn(),
        exit: vi.fn(),
        on: vi.fn((event: string, listener: (...args: unknown[]) => void) => appListeners.set(event, listener)),
        whenReady: vi.fn(() => Promise.resolve()),
      },
      BrowserWindow,
      dialog: { showErrorBox: vi.fn() },
      ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
      powerMonitor: { on: vi.fn() },
      session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    },
  };
});
vi.mock('electron', () => electron.module);

const runtime = vi.hoisted(() => ({
  createRuntime: vi.fn(),
  stop: vi.fn(async () => {}),
  service: { start: vi.fn(), reconnectAll: vi.fn(), subscribe: vi.fn(), execute: vi.fn(), searchDirectory: vi.fn(), reconnect: vi.fn() },
}));
vi.mock('../core/bootstrap', () => ({ createRuntime: runtime.createRuntime }));

async function loadMain(): Promise<void> {
  vi.resetModules();
  await import('./main');
  // Let app.whenReady().then(start) run.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  vi.clearAllMocks();
  electron.appListeners.clear();
  electron.windows.length = 0;
  electron.module.app.requestSingleInstanceLock.mockReturnValue(true);
  runtime.createRuntime.mockResolvedValue({ service: runtime.service, description: 'demo PBX', stop: runtime.stop });
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
    expect(runtime.createRuntime).toHaveBeenCalledWith(expect.objectContaining({ demo: 'telserver' }));
    expect(runtime.service.start).toHaveBeenCalled();
    const channels = electron.module.ipcMain.handle.mock.calls.map((call) => call[0]);
    expect(channels.sort()).toEqual(
      [IPC_CHANNELS.execute, IPC_CHANNELS.searchDirectory, IPC_CHANNELS.reconnect, IPC_CHANNELS.subscribe].sort(),
    );
    expect(electron.module.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0].options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    expect(electron.windows[0].url).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
    expect(electron.appListeners.has('web-contents-created')).toBe(true);
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
    runtime.createRuntime.mockRejectedValue(new Error('config.json: connections[0].port: expected an integer'));
    await loadMain();
    expect(electron.module.dialog.showErrorBox).toHaveBeenCalledWith(
      'Attendant Console cannot start',
      'config.json: connections[0].port: expected an integer',
    );
    expect(electron.module.app.exit).toHaveBeenCalledWith(2);
  });
});

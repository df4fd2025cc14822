/**
 * The Electron app entry (built by electron-vite to out/main/index.js).
 * Thin wiring only: one instance, the core runtime (demo PBX unless a
 * config file is given), the IPC bridge, one locked-down window, and a clean
 * stop of every connection on quit.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, session } from 'electron';
import { createRuntime, type ConsoleRuntime } from '../core/bootstrap';
import { consoleLogger } from '../core/log';
import { appPageUrl, isAppPageUrl } from './app-url';
import { appPageSenderCheck, registerIpc } from './ipc';
import { denyAllPermissions, lockDownContents, mainWindowOptions } from './window';

const log = consoleLogger('shell');

// electron-vite emits out/main/index.js, out/preload/index.js and out/renderer/index.html side by side.
const PRELOAD_FILE = path.join(__dirname, '../preload/index.js');
const PAGE_URL = appPageUrl({
  builtIndexFile: path.join(__dirname, '../renderer/index.html'),
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  packaged: app.isPackaged,
});
const isAppPage = (url: string) => isAppPageUrl(url, PAGE_URL);

let runtime: ConsoleRuntime | undefined;
let mainWindow: BrowserWindow | undefined;
let unregisterIpc: (() => void) | undefined;
let shutdown: 'running' | 'stopping' | 'stopped' = 'running';

/** `--config <file>` or `--config=<file>` on the command line, else ATTENDANT_CONFIG. */
function configPathFrom(argv: readonly string[]): string | undefined {
  const index = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  if (index < 0) return process.env.ATTENDANT_CONFIG || undefined;
  return argv[index].includes('=') ? argv[index].slice('--config='.length) : argv[index + 1];
}

function showMainWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    return;
  }
  const window = new BrowserWindow(mainWindowOptions(PRELOAD_FILE));
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  void window.loadURL(PAGE_URL);
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  const configPath = configPathFrom(process.argv);
  runtime = await createRuntime(configPath ? { configPath, log } : { demo: 'telserver', log });
  runtime.service.start();
  log.info(`connected to ${runtime.description}`);
  unregisterIpc = registerIpc(ipcMain, runtime.service, appPageSenderCheck(PAGE_URL), consoleLogger('ipc'));
  // After sleep or a network change every connection resyncs now instead of waiting for its backoff.
  powerMonitor.on('resume', () => runtime?.service.reconnectAll('The computer woke up.'));
  showMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showMainWindow());
  // Every WebContents, including any the app never meant to create, stays on the app's page.
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, isAppPage, log));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (runtime) showMainWindow();
  });
  app.on('before-quit', (event) => {
    if (shutdown === 'stopped' || !runtime) return;
    // Hold the quit until every connection has closed its session with the PBX.
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    unregisterIpc?.();
    runtime
      .stop()
      .catch((error: unknown) => log.error('stopping the runtime failed', { error: String(error) }))
      .finally(() => {
        shutdown = 'stopped';
        app.quit();
      });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log.error('cannot start', { error: message });
      dialog.showErrorBox('Attendant Console cannot start', message);
      app.exit(2);
    });
}

/**
 * The Electron app entry (built by electron-vite to out/main/index.js).
 * Thin wiring only: one instance, the core runtime (demo PBX unless a
 * config file is given), the IPC bridge, one locked-down window, the tray,
 * call alerts, click-to-dial links, global shortcuts, reconnect after sleep
 * or a network change, and a clean stop of every connection on quit. Every
 * decision lives in a plain module in main/desktop. Whatever the shell says
 * (tray, notifications, dialogs) is in the receptionist's language: one
 * translator, rebuilt when the language preference changes.
 */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import { ipcChannel } from '../../app/contract';
import { resolveLanguage, type LanguagePreference } from '../../app/i18n/languages';
import { msg, type Message } from '../../app/i18n/message';
import { createTranslator, type Translator } from '../../app/i18n/translator';
import { createRuntime, type ConsoleRuntime } from '../runtime/bootstrap';
import { systemClock } from '../core/clock';
import { english } from '../core/errors';
import { consoleLogger } from '../core/log';
import { alertRouteHash } from '../../app/alert-route';
import { alertWindows, showAlertEverywhere, type AlertWindowHandle, type Rectangle } from '../desktop/alert-window';
import { APP_ICON_FILE, APP_ID, DIAL_SCHEMES, PRODUCT_NAME } from '../desktop/app-identity';
import { CallAlerts } from '../desktop/call-alerts';
import { openCrmLookup } from '../desktop/crm-lookup';
import { openCredentialStore } from '../runtime/credentials';
import { registerCallShortcuts, shortcutTarget } from '../desktop/global-shortcuts';
import { describeLinkOutcome, LinkDialer, type DialRequest, type LinkOutcome } from '../desktop/link-dialer';
import { PreferencesFile } from '../runtime/preferences';
import { watchForReconnect } from '../desktop/reconnect-triggers';
import { startFailure } from '../desktop/start-failure';
import { dialLinksInArgv } from '../desktop/tel-link';
import { trayModel, type TrayAction, type TrayLook } from '../desktop/tray-state';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { appPageUrl, isAppPageUrl } from './app-url';
import { appPageSenderCheck, registerIpc } from './ipc';
import { journalSaver } from './journal-export';
import { callNotifications } from './notifications';
import { ShellTheme } from './theme';
import { TrayController, trayIconFile } from './tray';
import { alertWindowOptions, lockDownContents, mainWindowOptions, restrictPermissions } from './window';

const log = consoleLogger('shell');
const theme = new ShellTheme();

// electron-vite emits out/main/index.js, out/preload/index.js and out/renderer/index.html side by side.
const PRELOAD_FILE = path.join(__dirname, '../preload/index.js');
const ASSETS_DIR = path.join(__dirname, '../../assets');
/** Served on app://console/ (app-protocol.ts), never loaded from file://. */
const RENDERER_DIR = path.join(__dirname, '../renderer');
const PAGE_URL = appPageUrl({ devServerUrl: process.env.ELECTRON_RENDERER_URL, packaged: app.isPackaged });
// Privileged schemes can only be registered before the app is ready.
registerAppScheme(protocol);
const isAppPage = (url: string) => isAppPageUrl(url, PAGE_URL);
/** Started at login: stay in the tray until the receptionist opens the window. */
const START_HIDDEN_FLAG = '--hidden';

let runtime: ConsoleRuntime | undefined;
let mainWindow: BrowserWindow | undefined;
let unregisterIpc: (() => void) | undefined;
let shutdown: 'running' | 'stopping' | 'stopped' = 'running';
let preferences: PreferencesFile | undefined;
let linkDialer: LinkDialer | undefined;
let translator: Translator | undefined;
/** Links that arrived (open-url, second instance) before the core was up. */
const earlyLinks: string[] = [];
const stopDesktop: (() => void)[] = [];

/** `--config <file>` or `--config=<file>` on the command line, else ATTENDANT_CONFIG. */
function configPathFrom(argv: readonly string[]): string | undefined {
  const index = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  if (index < 0) return process.env.ATTENDANT_CONFIG || undefined;
  return argv[index].includes('=') ? argv[index].slice('--config='.length) : argv[index + 1];
}

/**
 * The translator for a language preference (the chosen language, else the
 * system's); a new one only when the language actually changes.
 */
function useLanguage(preference: LanguagePreference | undefined): Translator {
  const language = resolveLanguage(preference, app.getPreferredSystemLanguages());
  if (translator?.language !== language) translator = createTranslator(language);
  return translator;
}

/** The receptionist's language now. */
function currentTranslator(): Translator {
  return translator ?? useLanguage(preferences?.get().language);
}

const t = (message: Message): string => currentTranslator()(message);

function showMainWindow(): BrowserWindow {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    return mainWindow;
  }
  const window = new BrowserWindow(mainWindowOptions(PRELOAD_FILE));
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    // Closing keeps the console running in the tray, unless the app is quitting or the receptionist chose otherwise.
    if (shutdown === 'running' && preferences?.get().closeToTray) {
      event.preventDefault();
      window.hide();
    }
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  void window.loadURL(PAGE_URL);
  return window;
}

/** Brings the console forward with this call selected (a click on its alert). */
function focusCall(callId: string): void {
  const window = showMainWindow();
  const send = () => {
    if (!window.isDestroyed()) window.webContents.send(ipcChannel('focusCall'), callId);
  };
  // A window opened just now hears it once its page has loaded (the page selects the call when it arrives).
  if (window.webContents.isLoading()) window.webContents.once('did-finish-load', send);
  else send();
}

/** The always-on-top alert for one call: the app's own page on its alert route, shown without taking focus. */
function openAlertWindow(callId: string, bounds: Rectangle): AlertWindowHandle {
  const window = new BrowserWindow(alertWindowOptions(PRELOAD_FILE, bounds, t(msg('desktop.alertWindow.title'))));
  window.setAlwaysOnTop(true, 'screen-saver');
  window.once('ready-to-show', () => window.showInactive());
  const url = new URL(PAGE_URL);
  url.hash = alertRouteHash(callId);
  void window.loadURL(url.href);
  return {
    close: () => {
      if (!window.isDestroyed()) window.close();
    },
    onClosed: (listener) => window.once('closed', listener),
  };
}

function openLinks(links: readonly string[]): void {
  if (linkDialer) for (const link of links) linkDialer.open(link);
  else earlyLinks.push(...links);
}

function reportLink(outcome: LinkOutcome): void {
  const message = describeLinkOutcome(outcome);
  (outcome.kind === 'refused' ? log.warn : log.info)(`link: ${english(message)}`);
  // A successful dial shows up in the call list; everything else deserves a word.
  if (outcome.kind === 'dialled' && outcome.result.ok && !outcome.request.extension) return;
  if (Notification.isSupported()) new Notification({ title: t(msg('desktop.link.title')), body: t(message) }).show();
}

/** RFC 3966 §11: a call from a link needs the user's consent. Enter dials (the default button), Escape cancels. */
async function confirmDial(request: DialRequest): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: [t(msg('desktop.link.dial')), t(msg('desktop.link.cancel'))],
    defaultId: 0,
    cancelId: 1,
    title: t(msg('desktop.link.title')),
    message: t(
      request.name
        ? msg('desktop.link.confirmNamed', { number: request.formatted, name: request.name, line: request.line.label })
        : msg('desktop.link.confirm', { number: request.formatted, line: request.line.label }),
    ),
  });
  return response === 0;
}

function trayIcon(look: TrayLook) {
  return nativeImage.createFromPath(path.join(ASSETS_DIR, trayIconFile(look, process.platform, theme.darkPanel())));
}

function runTrayAction(action: TrayAction): void {
  if (action === 'show') showMainWindow();
  else if (action === 'quit') app.quit();
  else if (preferences) {
    const current = preferences.get();
    void preferences.save({ ...current, alerts: { ...current.alerts, doNotDisturb: !current.alerts.doNotDisturb } });
  }
}

/** Tray, alerts, links, shortcuts and reconnect triggers around a running core. */
function startDesktop(core: ConsoleRuntime, prefs: PreferencesFile): void {
  const service = core.service;
  const tray = new Tray(trayIcon('offline'));
  const trayController = new TrayController(tray, { icon: trayIcon, buildMenu: (t) => Menu.buildFromTemplate(t), run: runTrayAction });
  tray.on('click', () => showMainWindow());
  stopDesktop.push(() => tray.destroy());
  stopDesktop.push(theme.follow(prefs, () => trayController.repaint()));

  const alerts = new CallAlerts({
    show: showAlertEverywhere(
      ...(Notification.isSupported()
        ? [callNotifications((options) => new Notification(options), path.join(ASSETS_DIR, APP_ICON_FILE), currentTranslator)]
        : []),
      alertWindows({ enabled: () => prefs.get().alerts.alertWindow, screen, open: openAlertWindow }),
    ),
    preferences: () => prefs.get().alerts,
    answer: (callId) => void service.execute({ kind: 'answer', callId }),
    focusCall,
    translator: currentTranslator,
  });
  // Read within the patch, never kept: getState() would make the next batch copy the calls (app/reducer.ts OwnedState).
  const refresh = () =>
    service.readState((state) => {
      trayController.update(trayModel(state, prefs.get().alerts, currentTranslator()));
      alerts.update(state);
    });
  stopDesktop.push(service.subscribe(refresh), () => alerts.closeAll());

  let shortcuts = { unregister: () => {} };
  const bindShortcuts = () => {
    shortcuts.unregister();
    shortcuts = registerCallShortcuts(
      globalShortcut,
      prefs.get().shortcuts,
      (action) => {
        const call = shortcutTarget(service.getState(), action);
        if (call) void service.execute({ kind: action, callId: call.id });
      },
      log,
    );
  };
  bindShortcuts();
  stopDesktop.push(() => shortcuts.unregister());

  const applyLogin = () => {
    app.setLoginItemSettings({ openAtLogin: prefs.get().startAtLogin, args: [START_HIDDEN_FLAG] });
  };
  applyLogin();
  stopDesktop.push(
    prefs.onChange((next) => {
      // A new language redraws the tray and the alerts showing in it.
      useLanguage(next.language);
      refresh();
      bindShortcuts();
      applyLogin();
      // The window reads them again (the tray's do-not-disturb must silence its ring sound too).
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(ipcChannel('settingsChanged'));
    }),
  );

  stopDesktop.push(
    watchForReconnect({
      reconnectAll: (reason) => service.reconnectAll(reason),
      power: powerMonitor,
      isOnline: () => net.isOnline(),
      clock: systemClock,
    }),
  );

  linkDialer = new LinkDialer({
    service,
    clock: systemClock,
    preferredLineId: () => prefs.get().defaultLineId,
    domains: () => runtime?.settings.pbxDomains ?? [],
    confirm: (request) => (prefs.get().confirmBeforeDial ? confirmDial(request) : Promise.resolve(true)),
    // The confirmation names who the number belongs to, when the directory knows.
    nameFor: (number, line) => service.directory.identify(number, line.connectionId, line.country)?.name,
    report: reportLink,
  });
  stopDesktop.push(() => linkDialer?.dispose());
  openLinks([...dialLinksInArgv(process.argv), ...earlyLinks.splice(0)]);
}

async function start(): Promise<void> {
  serveAppScheme(protocol, RENDERER_DIR, consoleLogger('app-scheme'));
  restrictPermissions(session.defaultSession);
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  // Registered by the installers too; this keeps a portable/AppImage build the handler.
  if (app.isPackaged) for (const scheme of DIAL_SCHEMES) app.setAsDefaultProtocolClient(scheme);
  preferences = new PreferencesFile(path.join(app.getPath('userData'), 'preferences.json'), consoleLogger('preferences'));
  await preferences.load();
  useLanguage(preferences.get().language);
  const configPath = configPathFrom(process.argv);
  const settingsDir = app.getPath('userData');
  const credentials = await openCredentialStore({
    service: APP_ID,
    loadKeytar: async () => (await import('keytar')).default,
    safeStorage,
    fallbackFile: path.join(settingsDir, 'credentials.json'),
    log: consoleLogger('credentials'),
  });
  const where = { settingsDir, credentials, preferences, desktop: true, log, systemLanguages: app.getPreferredSystemLanguages() };
  runtime = await createRuntime(configPath ? { configPath, ...where } : { demo: 'telserver', ...where });
  runtime.service.start();
  log.info(`connected to ${runtime.description}`);
  unregisterIpc = registerIpc(ipcMain, runtime.service, appPageSenderCheck(PAGE_URL), consoleLogger('ipc'), runtime.settings, {
    showCall: focusCall,
    // The only shell.openExternal in the app: a URL built and checked by the CRM module, never one the page sent.
    lookUpInCrm: (number) =>
      openCrmLookup(number, { template: () => preferences?.get().crmUrlTemplate ?? '', openExternal: (url) => shell.openExternal(url) }),
    saveJournal: journalSaver({
      showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
      words: () => ({ title: t(msg('journal.exportTitle')), csv: t(msg('journal.csvFiles')) }),
      defaultDir: () => app.getPath('documents'),
    }),
  });
  startDesktop(runtime, preferences);
  if (!process.argv.includes(START_HIDDEN_FLAG)) showMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // The first instance receives this launch's command line (and any tel: link on it) through 'second-instance'.
  app.quit();
} else {
  app.setName(PRODUCT_NAME);
  app.on('second-instance', (_event, argv) => {
    const links = Array.isArray(argv) ? dialLinksInArgv(argv) : [];
    if (links.length > 0) openLinks(links);
    if (runtime) showMainWindow();
  });
  // macOS hands links over with open-url, possibly before the app is ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLinks([url]);
  });
  // Every WebContents, including any the app never meant to create, stays on the app's page.
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, isAppPage, log));
  app.on('window-all-closed', () => {
    if (!preferences?.get().closeToTray) app.quit();
  });
  app.on('activate', () => {
    if (runtime) showMainWindow();
  });
  app.on('before-quit', (event) => {
    if (shutdown === 'stopped' || !runtime) return;
    // Hold the quit until every connection has closed its session with the PBX.
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    for (const stop of stopDesktop.splice(0)) stop();
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
      log.error('cannot start', { error: startFailure(error, english).text });
      const { title, text } = startFailure(error, currentTranslator());
      dialog.showErrorBox(title, text);
      app.exit(2);
    });
}

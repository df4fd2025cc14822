/**
 * The main window's security settings and guards, as plain functions so
 * their values are unit-tested without an Electron binary. Follows
 * Electron's security checklist: isolated, sandboxed renderer without Node,
 * no navigation away from the app, no new windows, no permissions.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents, WebPreferences } from 'electron';
import type { Logger } from '../core/log';
import { PRODUCT_NAME } from '../desktop/app-identity';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // The ring sound must play while a call rings, even before the receptionist clicked into the window.
    autoplayPolicy: 'no-user-gesture-required',
  };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: PRODUCT_NAME,
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    // Shown on ready-to-show, so the receptionist never sees a blank frame.
    show: false,
    backgroundColor: '#1e1f24',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/**
 * The always-on-top alert window: small, frameless, out of the taskbar,
 * shown without taking the keyboard from the app the receptionist is
 * typing in; the same hardened renderer as the main window. `title` is
 * "Incoming call" in the receptionist's language.
 */
export function alertWindowOptions(
  preloadPath: string,
  bounds: { x: number; y: number; width: number; height: number },
  title: string,
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    title,
    frame: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    // Shown with showInactive() once painted.
    show: false,
    backgroundColor: '#1e1f24',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** The WebContents events the guards use (a narrow type lets tests pass a fake). */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void; url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler: WebContents['setWindowOpenHandler'];
}

/**
 * Keeps a WebContents on the app's own page: navigation and redirects
 * elsewhere are cancelled, window.open and target=_blank are denied,
 * <webview> cannot be attached.
 */
export function lockDownContents(contents: GuardedContents, isAppPage: (url: string) => boolean, log: Logger): void {
  const stayOnApp = (event: { preventDefault(): void; url: string }) => {
    if (isAppPage(event.url)) return;
    event.preventDefault();
    log.warn('navigation away from the app blocked', { url: event.url });
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('window.open blocked', { url });
    return { action: 'deny' };
  });
}

/**
 * Every browser permission is refused (camera, microphone, geolocation,
 * clipboard, notifications …), for every page: the page uses none. The
 * incoming-call alerts are the main process's own notifications, so a page
 * that is compromised cannot show one that looks like the system's.
 */
export function restrictPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

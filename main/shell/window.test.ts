import { describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../testing/memory-logger';
import { APP_PAGE_URL, appPageUrl, isAppPageUrl } from './app-url';
import {
  alertWindowOptions,
  lockDownContents,
  restrictPermissions,
  mainWindowOptions,
  secureWebPreferences,
  type GuardedContents,
} from './window';

const APP = 'app://console/index.html';

describe('window security settings', () => {
  it('isolates and sandboxes the renderer, with no Node and web security on', () => {
    expect(secureWebPreferences('/app/out/preload/index.js')).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('lets media play without a user gesture, so the ring sound plays while a call rings', () => {
    expect(secureWebPreferences('/p.js').autoplayPolicy).toBe('no-user-gesture-required');
  });

  it('uses those settings for the main window, shown only when ready', () => {
    const options = mainWindowOptions('/p.js');
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.js'));
    expect(options.show).toBe(false);
  });

  it('makes the alert window small, frameless and always on top, with the same hardened renderer', () => {
    const options = alertWindowOptions('/p.js', { x: 1544, y: 16, width: 360, height: 140 }, 'Eingehender Anruf');
    expect(options).toMatchObject({
      title: 'Eingehender Anruf',
      x: 1544,
      y: 16,
      width: 360,
      height: 140,
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      show: false,
    });
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.js'));
  });
});

describe('the alert window page', () => {
  it('is the app page with an alert route: the IPC sender check and navigation guard accept it', () => {
    expect(isAppPageUrl(`${APP}#alert/pbx%2F100%231`, APP)).toBe(true);
  });
});

/** A WebContents stand-in that records the guards' listeners. */
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void; url: string }) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: (event: { preventDefault(): void; url: string }) => void) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      openHandler = handler;
    },
  };
  const fire = (name: string, url = '') => {
    const event = { url, preventDefault: vi.fn() };
    listeners.get(name)?.(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents: contents as unknown as GuardedContents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('navigation guards', () => {
  const guarded = () => {
    const fake = fakeContents();
    const log = memoryLogger();
    lockDownContents(fake.contents, (url) => isAppPageUrl(url, APP), log);
    return { ...fake, log };
  };

  it('lets the app page navigate to itself (reload, hash routes)', () => {
    const { fire } = guarded();
    expect(fire('will-navigate', APP)).toBe(false);
    expect(fire('will-navigate', `${APP}#/history`)).toBe(false);
  });

  it('cancels navigation and redirects anywhere else, and logs them', () => {
    const { fire, log } = guarded();
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'app://console/other.html')).toBe(true);
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(log.entries.filter((e) => e.level === 'warn')).toHaveLength(4);
  });

  it('denies every new window and every <webview>', () => {
    const { fire, open } = guarded();
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open(APP)).toEqual({ action: 'deny' });
    expect(fire('will-attach-webview')).toBe(true);
  });

  it('refuses every permission, to the app page too: notifications come from the main process', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    restrictPermissions(session);
    const request = (permission: string, requestingUrl: string) => {
      const callback = vi.fn();
      session.setPermissionRequestHandler.mock.calls[0][0]({}, permission, callback, { requestingUrl });
      return callback.mock.calls[0][0];
    };
    const check = (permission: string, requestingUrl: string) =>
      session.setPermissionCheckHandler.mock.calls[0][0]({}, permission, requestingUrl, { requestingUrl });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(request(permission, APP)).toBe(false);
      expect(check(permission, APP)).toBe(false);
      expect(request(permission, 'https://evil.example/')).toBe(false);
      expect(check(permission, 'https://evil.example/')).toBe(false);
    }
  });
});

describe('the app page', () => {
  it('is the app scheme when packaged, even if a dev server URL is set; the dev server only unpackaged', () => {
    expect(APP_PAGE_URL).toBe(APP);
    expect(appPageUrl({ devServerUrl: 'http://localhost:5173', packaged: true })).toBe(APP);
    expect(appPageUrl({ packaged: false })).toBe(APP);
    expect(appPageUrl({ devServerUrl: 'http://localhost:5173', packaged: false })).toBe('http://localhost:5173/');
  });

  it('matches by parsed scheme, host and path, never by prefix or by origin', () => {
    expect(isAppPageUrl(`${APP}?x=1#calls`, APP)).toBe(true);
    expect(isAppPageUrl('app://console/index.html.evil', APP)).toBe(false);
    expect(isAppPageUrl('app://console/other.html', APP)).toBe(false);
    expect(isAppPageUrl('app://console.evil/index.html', APP)).toBe(false);
    expect(isAppPageUrl('app://other/index.html', APP)).toBe(false);
    // Another non-special scheme has the same URL.origin ("null"): only the scheme tells them apart.
    expect(new URL('evil://console/index.html').origin).toBe(new URL(APP).origin);
    expect(isAppPageUrl('evil://console/index.html', APP)).toBe(false);
    // The page is never a local file any more.
    expect(isAppPageUrl('file:///opt/attendant/resources/app.asar/out/renderer/index.html', APP)).toBe(false);
    expect(isAppPageUrl('file://console/index.html', APP)).toBe(false);
    expect(isAppPageUrl('http://localhost:5173/some/route', 'http://localhost:5173/')).toBe(true);
    expect(isAppPageUrl('http://localhost:5173.evil.example/', 'http://localhost:5173/')).toBe(false);
    expect(isAppPageUrl('https://localhost:5173/', 'http://localhost:5173/')).toBe(false);
    expect(isAppPageUrl('not a url', APP)).toBe(false);
  });
});

/**
 * Which page is the app's own: the built renderer on the app's own scheme
 * (app://console/index.html, served by app-protocol.ts) in production, the
 * electron-vite dev server in development. Navigation guards and the IPC
 * sender check both ask this one question.
 */

/** The app's privileged scheme and its one host (Electron checklist item 18: no file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
/** The page of the built renderer on the app scheme. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The URL the main window loads. The dev server is honoured only in an unpackaged (development) app. */
export function appPageUrl(options: { devServerUrl?: string; packaged: boolean }): string {
  if (!options.packaged && options.devServerUrl) return new URL(options.devServerUrl).href;
  return APP_PAGE_URL;
}

/**
 * Whether `candidate` is the app's page. Compared parsed, never by string
 * prefix (`http://localhost:5173.evil.example` is not the dev server): for
 * http(s) the same origin; for the app scheme the same scheme, host and
 * path (query and hash ignored). A non-special scheme's URL.origin is
 * "null" in WHATWG URL, so origins cannot be compared there.
 */
export function isAppPageUrl(candidate: string, appUrl: string): boolean {
  let page: URL;
  let app: URL;
  try {
    page = new URL(candidate);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (page.protocol !== app.protocol) return false;
  if (app.protocol === 'http:' || app.protocol === 'https:') return page.origin === app.origin;
  return page.host === app.host && page.pathname === app.pathname;
}

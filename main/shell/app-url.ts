/**
 * Which page is the app's own: the built renderer on file:// in production,
 * the electron-vite dev server in development. Navigation guards and the
 * IPC sender check both ask this one question.
 */
import { pathToFileURL } from 'node:url';

/** The URL the main window loads. The dev server is honoured only in an unpackaged (development) app. */
export function appPageUrl(options: { builtIndexFile: string; devServerUrl?: string; packaged: boolean }): string {
  if (!options.packaged && options.devServerUrl) return new URL(options.devServerUrl).href;
  return pathToFileURL(options.builtIndexFile).href;
}

/**
 * Whether `candidate` is the app's page: the same file for file:// (query
 * and hash ignored), the same origin for http(s). Compared parsed, never by
 * string prefix (`http://localhost:5173.evil.example` is not the dev server).
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
  if (app.protocol === 'file:') return page.host === app.host && page.pathname === app.pathname;
  if (app.protocol === 'http:' || app.protocol === 'https:') return page.origin === app.origin;
  return false;
}

/**
 * The app's own scheme (app://console/…) serving the built renderer, so the
 * page never runs from file:// (Electron security checklist item 18): on
 * file:// `'self'` in the CSP would cover every local file. The scheme is
 * privileged like https (standard, secure, fetch), and its handler answers
 * only GETs for files inside the renderer folder, with the same CSP and
 * security headers as the browser mode's static server.
 */
import { promises as fs } from 'node:fs';
import type { CustomScheme, Protocol } from 'electron';
import { contentTypeFor, realFileInside, resolveStaticTarget, SECURITY_HEADERS } from '../bridge/static-files';
import type { Logger } from '../core/log';
import { APP_HOST, APP_SCHEME } from './app-url';

/** Standard (relative URLs, an origin for 'self'), secure (like https), fetch allowed; nothing more (no CORS bypass, no CSP bypass). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Must run before the app's ready event (Electron refuses it afterwards). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Serves `rendererDir` on the app scheme (after ready). */
export function serveAppScheme(protocol: Pick<Protocol, 'handle'>, rendererDir: string, log: Logger): void {
  protocol.handle(APP_SCHEME, appSchemeHandler(rendererDir, log));
}

/**
 * The protocol handler as a plain function of a fetch Request. Chromium
 * (like WHATWG URL) has already resolved `..` and `%2e%2e` in the path;
 * what is left that could leave the folder (encoded slashes or
 * backslashes, NUL, an absolute path, a symlink out) is refused.
 */
export function appSchemeHandler(rendererDir: string, log: Logger): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(403, request, log);
    if (request.method !== 'GET') return respond(405, null, { Allow: 'GET' });
    const target = resolveStaticTarget(rendererDir, url.pathname);
    if (target.kind === 'forbidden') return refuse(403, request, log);
    const file = await realFileInside(rendererDir, target.file);
    if (!file) return respond(404);
    // A Uint8Array over its own ArrayBuffer (what a fetch body takes); the renderer's files are small, the copy is cheap.
    const body = new Uint8Array(await fs.readFile(file));
    return respond(200, body, { 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-cache' });
  };
}

function refuse(status: number, request: Request, log: Logger): Response {
  log.warn('app scheme request refused', { url: request.url, method: request.method });
  return respond(status);
}

function respond(status: number, body: Uint8Array<ArrayBuffer> | null = null, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, ...headers } });
}

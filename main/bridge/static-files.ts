/**
 * Serves the built renderer (out/web) over loopback HTTP: GET only, no path
 * can leave the directory, and every response carries the same Content
 * Security Policy as renderer/index.html.
 */
import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/** Same policy as the meta tag in renderer/index.html. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // The ring sound (assets/ring.wav, renderer/src/sound).
  "media-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticTarget =
  | { kind: 'file'; file: string; isIndex: boolean }
  /** An attempt to leave the directory or smuggle bytes through the path. */
  | { kind: 'forbidden' };

/**
 * Maps the raw request path (before URL normalisation, which would silently
 * swallow `..`) to a file inside `root`. Encoded dots, slashes, backslashes
 * and NUL are refused outright: a built renderer never needs them.
 */
export function resolveStaticTarget(root: string, rawPath: string): StaticTarget {
  if (!rawPath.startsWith('/') || /[\\\0]|%(?:00|2e|2f|5c)/i.test(rawPath)) return { kind: 'forbidden' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'forbidden' };
  }
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'forbidden' };
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (!file.startsWith(base + path.sep)) return { kind: 'forbidden' };
  return { kind: 'file', file, isIndex: file === path.join(base, 'index.html') };
}

export function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

export interface StaticOptions {
  root: string;
  /** Whether the request may load the index page (it carries the right token). */
  mayLoadIndex(req: IncomingMessage): boolean;
}

/** Answers one GET for a file of the built renderer. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, options: StaticOptions): Promise<void> {
  if (req.method !== 'GET') {
    sendText(res, 405, 'Only GET is served here.', { Allow: 'GET' });
    return;
  }
  const rawPath = (req.url ?? '/').split('?')[0];
  const target = resolveStaticTarget(options.root, rawPath);
  if (target.kind === 'forbidden') {
    sendText(res, 403, 'Forbidden.');
    return;
  }
  if (target.isIndex && !options.mayLoadIndex(req)) {
    sendText(res, 403, 'Open the console with the address it printed at start-up (it carries the access token).');
    return;
  }
  const file = await realFileInside(options.root, target.file);
  // The index by another name (Windows drops a trailing dot or space and ignores case; a link inside the folder):
  // told by the file it turned out to be, so it is still only for a request that carries the token.
  const isIndex =
    target.isIndex || (file !== undefined && file === (await realFileInside(options.root, path.join(options.root, 'index.html'))));
  if (isIndex && !target.isIndex && !options.mayLoadIndex(req)) {
    sendText(res, 403, 'Open the console with the address it printed at start-up (it carries the access token).');
    return;
  }
  if (!file) {
    if (target.isIndex) {
      sendText(res, 503, 'The user interface has not been built yet: run `npm run build:renderer`, then reload.');
    } else {
      sendText(res, 404, 'Not found.');
    }
    return;
  }
  const body = await fs.readFile(file);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeFor(file),
    'Content-Length': String(body.length),
    // The index carries the token in its URL; never keep it in a cache.
    'Cache-Control': isIndex ? 'no-store' : 'no-cache',
  });
  res.end(body);
}

/** The file's real path when it is a regular file still inside root after following symlinks. */
export async function realFileInside(root: string, file: string): Promise<string | undefined> {
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    if (!realFile.startsWith(realRoot + path.sep)) return undefined;
    const stat = await fs.stat(realFile);
    return stat.isFile() ? realFile : undefined;
  } catch {
    return undefined;
  }
}

import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../bridge/static-files';
import { memoryLogger } from '../testing/memory-logger';
import { APP_SCHEME_PRIVILEGES, appSchemeHandler, registerAppScheme, serveAppScheme } from './app-protocol';
import { APP_PAGE_URL } from './app-url';

/** A built renderer folder, a secret next to it, and a symlink pointing out of it. */
let rendererDir: string;
let secretFile: string;
beforeAll(() => {
  const base = mkdtempSync(path.join(tmpdir(), 'attendant-app-scheme-'));
  rendererDir = path.join(base, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(rendererDir, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(path.join(rendererDir, 'assets', 'blob.bin'), 'x');
  secretFile = path.join(base, 'secret.txt');
  writeFileSync(secretFile, 'the password');
  symlinkSync(secretFile, path.join(rendererDir, 'assets', 'escape.txt'));
  symlinkSync(base, path.join(rendererDir, 'up'));
});

function serve(url: string, init?: RequestInit) {
  const log = memoryLogger();
  return { response: appSchemeHandler(rendererDir, log)(new Request(url, init)), log };
}

async function status(url: string, init?: RequestInit): Promise<number> {
  return (await serve(url, init).response).status;
}

describe('the app scheme', () => {
  it('is registered before ready as standard and secure, with fetch, and nothing that bypasses CSP or CORS', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });

  it('is handled by the handler for that scheme', async () => {
    const protocol = { handle: vi.fn() };
    serveAppScheme(protocol, rendererDir, memoryLogger());
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = protocol.handle.mock.calls[0][1] as (request: Request) => Promise<Response>;
    expect(await (await handler(new Request(APP_PAGE_URL))).text()).toContain('<title>console</title>');
  });
});

describe('the app scheme handler', () => {
  it('serves the page with the CSP as a header, nosniff, and an HTML content type', async () => {
    const response = await serve(APP_PAGE_URL).response;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('<!doctype html><title>console</title>');
  });

  it('gives each asset its content type (module scripts need a JavaScript one), unknown ones octet-stream', async () => {
    const type = async (file: string) => (await serve(`app://console/assets/${file}`).response).headers.get('content-type');
    expect(await type('index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(await type('index-abc.css')).toBe('text/css; charset=utf-8');
    expect(await type('logo.svg')).toBe('image/svg+xml');
    expect(await type('blob.bin')).toBe('application/octet-stream');
  });

  it('ignores query and hash', async () => {
    expect(await status('app://console/index.html?x=1#alert/pbx%2F100%231')).toBe(200);
  });

  it('answers 404 for a missing file or a folder, with the security headers still on', async () => {
    const missing = await serve('app://console/assets/nope.js').response;
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await status('app://console/assets')).toBe(404);
  });

  it('never leaves the renderer folder: dot segments, encoded ones, encoded slashes and backslashes, absolute paths', async () => {
    // WHATWG URL (like Chromium) resolves these before the handler sees them: they land inside the folder, so 404, never the secret.
    expect(await status('app://console/../secret.txt')).toBe(404);
    expect(await status('app://console/%2e%2e/secret.txt')).toBe(404);
    expect(await status('app://console/assets/.%2E/.%2e/secret.txt')).toBe(404);
    // What survives URL parsing and could still climb out is refused.
    expect(await status('app://console/..%2fsecret.txt')).toBe(403);
    expect(await status('app://console/assets%2F..%2F..%2Fsecret.txt')).toBe(403);
    expect(await status('app://console/..%5csecret.txt')).toBe(403);
    expect(await status('app://console/index.html%00.js')).toBe(403);
    expect(await status(`app://console/${secretFile}`)).toBe(403);
    expect(await status('app://console')).toBe(403);
  });

  it('does not follow a symlink out of the folder', async () => {
    expect(await status('app://console/assets/escape.txt')).toBe(404);
    expect(await status('app://console/up/secret.txt')).toBe(404);
  });

  it('refuses other hosts and other methods, and logs the refusals', async () => {
    const other = serve('app://evil/index.html');
    expect((await other.response).status).toBe(403);
    expect(other.log.entries).toEqual([
      expect.objectContaining({ level: 'warn', meta: expect.objectContaining({ url: 'app://evil/index.html' }) }),
    ]);
    expect(await status('app://CONSOLE/index.html')).toBe(403);
    expect(await status('app://console.evil/index.html')).toBe(403);
    const post = await serve(APP_PAGE_URL, { method: 'POST', body: 'x' }).response;
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('refuses another scheme handed to it', async () => {
    expect(await status('file:///etc/passwd')).toBe(403);
  });
});

/**
 * POST /__sim/<action>: lets end-to-end tests drive the demo PBX (make a
 * call arrive, hang up a remote party) deterministically. Mounted only when
 * `serve` runs the demo with --sim-control; guarded by the bridge token in a
 * custom header, which a cross-site form or fetch cannot send without a
 * CORS preflight that this server never grants.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
/** Runs one demo PBX action (main/runtime/demo-control.ts). */
export type SimControl = (action: string, args: unknown) => Promise<unknown>;
import { sendText, SECURITY_HEADERS } from './static-files';

export const SIM_CONTROL_PREFIX = '/__sim/';
export const SIM_TOKEN_HEADER = 'x-attendant-token';
export const MAX_SIM_BODY_BYTES = 4 * 1024;

const ACTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function isSimControlPath(rawUrl: string): boolean {
  return rawUrl.startsWith(SIM_CONTROL_PREFIX);
}

export interface SimControlRouteOptions {
  simControl: SimControl;
  tokenValid(presented: string | undefined): boolean;
  originAllowed(origin: string | undefined): boolean;
}

export async function handleSimControl(req: IncomingMessage, res: ServerResponse, options: SimControlRouteOptions): Promise<void> {
  const action = (req.url ?? '').split('?')[0].slice(SIM_CONTROL_PREFIX.length);
  if (req.method !== 'POST' || !ACTION_NAME.test(action)) {
    sendText(res, 404, 'Not found.');
    return;
  }
  const header = req.headers[SIM_TOKEN_HEADER];
  if (!options.tokenValid(typeof header === 'string' ? header : undefined)) {
    sendText(res, 401, 'Missing or wrong X-Attendant-Token.');
    return;
  }
  if (!options.originAllowed(req.headers.origin)) {
    sendText(res, 403, 'Requests from other origins are refused.');
    return;
  }
  const body = await readBody(req, MAX_SIM_BODY_BYTES);
  if (body === undefined) {
    sendText(res, 413, `The body may be at most ${MAX_SIM_BODY_BYTES} bytes.`, { Connection: 'close' });
    return;
  }
  let args: unknown;
  try {
    args = body.length === 0 ? undefined : JSON.parse(body);
  } catch {
    sendJson(res, 400, { error: 'The body is not JSON.' });
    return;
  }
  try {
    const result = await options.simControl(action, args);
    sendJson(res, 200, result ?? null);
  } catch (error) {
    sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** The body as text, or undefined when it is larger than `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

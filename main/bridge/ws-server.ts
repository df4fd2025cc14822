/**
 * The browser-mode bridge: one loopback HTTP server that serves the built
 * renderer and carries the AttendantApi over a WebSocket at /bridge.
 *
 * Who may talk to it: only a page loaded from this server with the token
 * the console printed. The index page needs the token, the WebSocket needs
 * the token and this server's own Origin (so a site the receptionist visits
 * cannot hijack it), and every request must name 127.0.0.1:<port> as Host
 * (so DNS rebinding gets nowhere).
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_BRIDGE_FRAME_BYTES } from '../../app/contract';
import { InvariantError } from '../core/errors';
import type { Logger } from '../core/log';
import type { LinkTarget, SettingsTarget } from './request-handler';
import { handleSimControl, isSimControlPath, type SimControl } from './sim-control-route';
import { sendText, serveStatic } from './static-files';
import { newBridgeToken, tokenMatches } from './token';
import { BridgeSession, DEFAULT_MAX_BUFFERED_BYTES, type SessionService } from './ws-session';

export const BRIDGE_PATH = '/bridge';

export interface BridgeServerOptions {
  service: SessionService;
  /** The built renderer (out/web). */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** A fresh random token unless given. */
  token?: string;
  /** Mounts POST /__sim/<action> (demo mode with --sim-control only). */
  simControl?: SimControl;
  /** Serves the settings methods (saved connections, passwords, preferences). */
  settings?: SettingsTarget;
  /** Click-to-dial links held for the page (serve's LinkInbox). */
  links?: LinkTarget;
  log: Logger;
  /** A WebSocket client further behind than this is dropped. */
  maxBufferedBytes?: number;
}

export interface BridgeServer {
  /** The address to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newBridgeToken();
  // Only code passes a token (serve makes its own): an empty one is a bug, said for the log.
  if (!token) throw new InvariantError('The bridge token must not be empty.');
  const log = options.log;
  let port = 0;

  const ownOrigin = () => `http://${host}:${port}`;
  const hostAllowed = (req: IncomingMessage) => req.headers.host === `${host}:${port}`;
  const queryToken = (req: IncomingMessage) => new URL(req.url ?? '/', ownOrigin()).searchParams.get('token');

  const server: Server = createServer((req, res) => {
    if (!hostAllowed(req)) {
      sendText(res, 403, `Open the console at http://${host}:${port}/ (the address it printed).`);
      return;
    }
    const url = req.url ?? '/';
    let route: Promise<void>;
    if (isSimControlPath(url)) {
      // Without --sim-control the control surface does not exist at all.
      route = options.simControl
        ? handleSimControl(req, res, {
            simControl: options.simControl,
            tokenValid: (presented) => tokenMatches(token, presented),
            originAllowed: (origin) => origin === undefined || origin === ownOrigin(),
          })
        : Promise.resolve(sendText(res, 404, 'Not found.'));
    } else {
      route = serveStatic(req, res, { root: options.staticDir, mayLoadIndex: (r) => tokenMatches(token, queryToken(r)) });
    }
    route.catch((error: unknown) => {
      log.error('bridge: HTTP request failed', { url: url.split('?')[0], error: String(error) });
      if (!res.headersSent) sendText(res, 500, 'Internal error.');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_FRAME_BYTES, perMessageDeflate: false });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(req);
    if (refusal) {
      log.warn('bridge: WebSocket refused', { status: refusal, origin: req.headers.origin ?? '(none)' });
      socket.end(`HTTP/1.1 ${refusal} ${STATUS_CODES[refusal]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      log.debug('bridge: client connected');
      new BridgeSession(
        ws,
        options.service,
        log,
        options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
        options.settings,
        options.links,
        socket,
      );
    });
  });

  /** The HTTP status that refuses this upgrade, or undefined to accept it. */
  function upgradeRefusal(req: IncomingMessage): number | undefined {
    if ((req.url ?? '').split('?')[0] !== BRIDGE_PATH) return 404;
    if (!hostAllowed(req)) return 403;
    // Browsers always send Origin on WebSocket; a page of another site must not get in. Non-browser clients may omit it.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== ownOrigin()) return 403;
    if (!tokenMatches(token, queryToken(req))) return 401;
    return undefined;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new InvariantError('The bridge server is not listening on a TCP port.');
  port = address.port;
  server.on('error', (error) => log.error('bridge: server error', { error: String(error) }));

  let closing: Promise<void> | undefined;
  return {
    url: `${ownOrigin()}/?token=${token}`,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

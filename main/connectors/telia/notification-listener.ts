/**
 * The small HTTP listener Telia sends incoming / missed call notifications
 * to (HTTP GET). It accepts only GET on the one path that carries a random
 * secret, optionally only from the configured source addresses (Telia's
 * notification servers), answers at once and hands the decoded notification
 * on. Everything else is refused and changes nothing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from '../../core/log';
import { decodeNotification } from './codec';
import type { TeliaNotification } from './messages';

/** The documents' notification servers: 62.65.42.130 (first document), 84.50.42.87 and 84.50.42.108 (second). */
export const TELIA_NOTIFICATION_SOURCES = ['84.50.42.87', '84.50.42.108', '62.65.42.130'];

export interface NotificationListenerOptions {
  bindAddress: string;
  port: number;
  /** What Telia calls, without the secret path (e.g. https://console.example.com:8443 behind a proxy). Default: http://<bind>:<port>. */
  publicBaseUrl?: string;
  /** Undefined: any source (only when the path secret is the sole guard, e.g. behind a proxy that filters). */
  allowedSources?: string[];
  secret: string;
  log: Logger;
  onNotification(notification: TeliaNotification): void;
}

export interface ListenerStats {
  accepted: number;
  rejected: number;
  lastAcceptedAt?: number;
}

/**
 * Connections open at once beyond which new ones are refused: Telia sends a notification a call, each on a short
 * request, so this is far more than it needs, and it bounds the sockets anyone else can hold.
 */
export const MAX_NOTIFICATION_CONNECTIONS = 64;
/** A request must arrive whole within this (headers included): a client that drips bytes is cut off then. */
const REQUEST_TIMEOUT_MS = 5000;

export class NotificationListener {
  private server: http.Server | undefined;
  private readonly path: string;
  readonly stats: ListenerStats = { accepted: 0, rejected: 0 };
  private boundUrl = '';

  constructor(private readonly options: NotificationListenerOptions) {
    this.path = `/telia-notify/${options.secret}`;
  }

  /** Starts listening (once); resolves with the URL to register. */
  async start(): Promise<string> {
    if (this.server) return this.url;
    const server = http.createServer(
      {
        headersTimeout: REQUEST_TIMEOUT_MS,
        requestTimeout: REQUEST_TIMEOUT_MS,
        // Node checks those limits only this often (30 s by default, which made them 30 s in practice).
        connectionsCheckingInterval: 1000,
      },
      (req, res) => this.handle(req, res),
    );
    server.maxConnections = MAX_NOTIFICATION_CONNECTIONS;
    // A source that is not allowed gets no socket at all: refused at once, before it can send (or drip) anything.
    server.on('connection', (socket) => {
      if (this.isAllowed(socket.remoteAddress)) return;
      this.stats.rejected++;
      socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.bindAddress, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.boundUrl = `http://${host}:${address.port}`;
    return this.url;
  }

  /** The URL Telia must call (it carries the secret: never log it). */
  get url(): string {
    return `${(this.options.publicBaseUrl ?? this.boundUrl).replace(/\/$/, '')}${this.path}`;
  }

  /** The URL with the secret hidden, for the status line. */
  get displayUrl(): string {
    return `${(this.options.publicBaseUrl ?? this.boundUrl).replace(/\/$/, '')}/telia-notify/…`;
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private isAllowed(remoteAddress: string | undefined): boolean {
    const source = (remoteAddress ?? '').replace(/^::ffff:/, '');
    return !this.options.allowedSources || this.options.allowedSources.includes(source);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const reject = (status: number, why: string) => {
      this.stats.rejected++;
      this.options.log.warn('telia: notification refused', { why, source: req.socket.remoteAddress });
      res.writeHead(status, { 'Content-Type': 'text/plain', Connection: 'close' }).end();
    };
    if (!this.isAllowed(req.socket.remoteAddress)) return reject(403, 'source address not allowed');
    const raw = req.url ?? '';
    if (raw.length > 2048) return reject(414, 'request line too long');
    const [path, query = ''] = raw.split('?', 2);
    if (!samePath(path, this.path)) return reject(404, 'wrong path (no or wrong secret)');
    if (req.method !== 'GET') return reject(405, `method ${req.method}`);
    const decoded = decodeNotification(new URLSearchParams(query));
    if (!decoded.ok) return reject(400, decoded.error);
    this.stats.accepted++;
    this.stats.lastAcceptedAt = Date.now();
    // Answer first: Telia should never wait for the console.
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('OK');
    try {
      this.options.onNotification(decoded.notification);
    } catch (error) {
      this.options.log.error('telia: notification handling failed', { error: String(error) });
    }
  }
}

function samePath(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

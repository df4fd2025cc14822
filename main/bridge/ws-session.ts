/**
 * One browser's WebSocket on the bridge: parses each frame against the
 * contract, answers requests through the shared request handler, and pushes
 * state to it after it subscribes. A bad frame is answered (or logged) and
 * never affects other sessions.
 */
import type { RawData, WebSocket } from 'ws';
import { parseBridgeClientFrame, type BridgeServerFrame, type StateMessage } from '../../app/contract';
import { SchemaError } from '../../app/validation/schema';
import type { ConsoleService } from '../core/console-service';
import { RequestScheduler } from '../core/request-scheduler';
import type { Logger } from '../core/log';
import { coreHandlers, handleRequest, invalidRequestError, type LinkTarget, type SettingsTarget } from './request-handler';
import type { RequestHandlers } from '../../app/contract';

/**
 * A client this far behind is dropped instead of buffered without bound; it
 * reconnects and its fresh snapshot replaces everything it missed.
 */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export type SessionService = Pick<ConsoleService, 'subscribe' | 'execute' | 'searchDirectory' | 'reconnect'>;

/** The part of a ws socket the session uses for sending (tests pass a fake). */
export interface FrameSink {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  terminate(): void;
}

const OPEN = 1;

/**
 * Sends a frame unless the client has fallen too far behind, in which case
 * the socket is dropped. Returns whether the frame was sent.
 */
export function sendFrame(socket: FrameSink, frame: BridgeServerFrame, maxBufferedBytes: number, log: Logger): boolean {
  if (socket.readyState !== OPEN) return false;
  if (socket.bufferedAmount > maxBufferedBytes) {
    log.warn('bridge client is not reading; dropping it so it reconnects with a fresh snapshot', {
      bufferedBytes: socket.bufferedAmount,
    });
    socket.terminate();
    return false;
  }
  socket.send(JSON.stringify(frame));
  return true;
}

/** A WebSocket message as text, whichever form ws delivered it in. */
export function rawDataToText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** The request id of a frame that failed validation, when one can be read. */
export function readableFrameId(text: string): number | undefined {
  try {
    const raw: unknown = JSON.parse(text);
    if (typeof raw !== 'object' || raw === null || !('id' in raw)) return undefined;
    const id = raw.id;
    return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

/** In a browser the page itself shows a call and opens the CRM tab (renderer/src/bridge/ws-bridge.ts); the server never does. */
const PAGE_ONLY = (method: string) => () => Promise.reject(new Error(`${method} is answered by the page in browser mode`));

/** Numbers the sessions, so each client's directory searches supersede only its own. */
let sessionCount = 0;

/** Requests one client may have running at once, and waiting behind them (beyond that: refused at once). */
export const SESSION_REQUEST_LIMITS = { maxInFlight: 4, maxQueued: 256, reservedForCommands: 1 } as const;

export class BridgeSession {
  private unsubscribe: (() => void) | undefined;
  private readonly requests = new RequestScheduler(SESSION_REQUEST_LIMITS);
  private readonly handlers: RequestHandlers;

  constructor(
    private readonly socket: WebSocket,
    private readonly service: SessionService,
    private readonly log: Logger,
    private readonly maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
    settings?: SettingsTarget,
    links?: LinkTarget,
  ) {
    this.handlers = {
      ...coreHandlers(service, settings, `bridge:${++sessionCount}`, links),
      // Answered by onMessage before dispatch: it needs this socket.
      subscribe: () => Promise.resolve(null),
      showCall: PAGE_ONLY('showCall'),
      lookUpInCrm: PAGE_ONLY('lookUpInCrm'),
    };
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('close', () => {
      this.stopPushing();
      this.requests.close();
    });
    // ws reports oversized frames and protocol errors here before closing; without a listener they would crash the process.
    socket.on('error', (error) => this.log.warn('bridge socket error', { error: error.message }));
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.log.warn('bridge: binary frame ignored');
      return;
    }
    const text = rawDataToText(data);
    let frame: ReturnType<typeof parseBridgeClientFrame>;
    try {
      frame = parseBridgeClientFrame(text);
    } catch (error) {
      const message = error instanceof SchemaError ? invalidRequestError(error).message : `Invalid request: ${String(error)}`;
      const id = readableFrameId(text);
      if (id === undefined) this.log.warn('bridge: unreadable frame ignored', { error: message });
      else this.send({ id, error: message });
      return;
    }
    if (frame.method === 'subscribe') {
      this.send({ id: frame.id, result: null });
      this.startPushing();
      return;
    }
    // Each client's requests wait in its own bounded queue, so a client that floods the bridge delays only
    // itself: another client's Answer is taken up as soon as its frame arrives. Commands go first.
    const { id, method, params } = frame;
    this.requests
      .schedule({ kind: method === 'execute' ? 'command' : 'search' }, () => handleRequest(this.handlers, method, params))
      .then(
        (result) => this.send({ id, result: result ?? null }),
        (error: unknown) => this.send({ id, error: error instanceof Error ? error.message : String(error) }),
      );
  }

  /** Each subscribe starts over with a fresh snapshot (the client resubscribes after it reconnects or reloads). */
  private startPushing(): void {
    this.stopPushing();
    this.unsubscribe = this.service.subscribe((message: StateMessage) => this.send({ push: 'state', message }));
  }

  private stopPushing(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private send(frame: BridgeServerFrame): void {
    if (!sendFrame(this.socket, frame, this.maxBufferedBytes, this.log)) this.stopPushing();
  }
}

/**
 * One browser's WebSocket on the bridge: parses each frame against the
 * contract, answers requests through the shared request handler, and pushes
 * state to it after it subscribes. A bad frame is answered (or logged) and
 * never affects other sessions.
 */
import type { RawData, WebSocket } from 'ws';
import { parseBridgeClientFrame, readableFrameId, type BridgeServerFrame, type StateMessage } from '../../app/contract';
import { msg } from '../../app/i18n/message';
import { SchemaError } from '../../app/validation/schema';
import type { ConsoleService } from '../core/console-service';
import { ConsoleError, english, refusalOf } from '../core/errors';
import { RequestScheduler } from '../core/request-scheduler';
import type { Logger } from '../core/log';
import { FrameInbox } from './frame-inbox';
import { coreHandlers, handleRequest, invalidRequestError, type LinkTarget, type SettingsTarget } from './request-handler';
import type { RequestHandlers } from '../../app/contract';

/**
 * A client this far behind is dropped instead of buffered without bound; it
 * reconnects and its fresh snapshot replaces everything it missed.
 */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export type SessionService = Pick<ConsoleService, 'subscribe' | 'execute' | 'searchDirectory' | 'reconnect' | 'cancelSearches'>;

/** The part of a ws socket the session uses for sending (tests pass a fake). */
export interface FrameSink {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  terminate(): void;
}

const OPEN = 1;

/** What the session needs of the TCP socket under its WebSocket to write several frames at once. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * Sends a frame unless the client has fallen too far behind, in which case
 * the socket is dropped. Returns whether the frame was sent.
 */
export function sendFrame(socket: FrameSink, frame: BridgeServerFrame, maxBufferedBytes: number, log: Logger): boolean {
  return sendFrameText(socket, JSON.stringify(frame), maxBufferedBytes, log);
}

/** sendFrame for a frame already serialised (a state push, shared by every client). */
export function sendFrameText(socket: FrameSink, text: string, maxBufferedBytes: number, log: Logger): boolean {
  if (socket.readyState !== OPEN) return false;
  if (socket.bufferedAmount > maxBufferedBytes) {
    log.warn('bridge client is not reading; dropping it so it reconnects with a fresh snapshot', {
      bufferedBytes: socket.bufferedAmount,
    });
    socket.terminate();
    return false;
  }
  socket.send(text);
  return true;
}

/**
 * Each state message as push-frame text, made once: the service hands the same message (a patch, or the snapshot
 * of one seq) to every subscriber, and with several clients serialising it for each was most of the work and
 * a copy of the multi-megabyte snapshot per client. Weak: a message nobody holds any more takes its text with it.
 */
const pushTexts = new WeakMap<StateMessage, string>();

export function statePushText(message: StateMessage): string {
  let text = pushTexts.get(message);
  if (text === undefined) {
    text = JSON.stringify({ push: 'state', message } satisfies BridgeServerFrame);
    pushTexts.set(message, text);
  }
  return text;
}

/** A WebSocket message as text, whichever form ws delivered it in. */
export function rawDataToText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** In a browser the page itself shows a call and opens the CRM tab (renderer/src/bridge/ws-bridge.ts); the server never does. */
const PAGE_ONLY = (method: string) => () => Promise.reject(new ConsoleError(msg('request.pageOnly', { method })));

/** Numbers the sessions, so each client's directory searches supersede only its own. */
let sessionCount = 0;

/** Requests one client may have running at once, and waiting behind them (beyond that: refused at once). */
export const SESSION_REQUEST_LIMITS = { maxInFlight: 4, maxQueued: 256, reservedForCommands: 1 } as const;

export class BridgeSession {
  private unsubscribe: (() => void) | undefined;
  private readonly requests = new RequestScheduler(SESSION_REQUEST_LIMITS);
  private readonly handlers: RequestHandlers;
  private corked = false;
  /** At most a budget of this client's frames per turn of the event loop: a flood delays only this client. */
  private readonly inbox: FrameInbox;

  constructor(
    private readonly socket: WebSocket,
    private readonly service: SessionService,
    private readonly log: Logger,
    private readonly maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
    settings?: SettingsTarget,
    links?: LinkTarget,
    /** The TCP socket under `socket`: frames sent in one go are written to it together (see sendText). */
    private readonly transport?: Corkable,
  ) {
    const origin = `bridge:${++sessionCount}`;
    this.handlers = {
      ...coreHandlers(service, settings, origin, links),
      // Answered by onMessage before dispatch: it needs this socket.
      subscribe: () => Promise.resolve(null),
      showCall: PAGE_ONLY('showCall'),
      lookUpInCrm: PAGE_ONLY('lookUpInCrm'),
    };
    this.inbox = new FrameInbox((text) => this.onFrame(text), socket);
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('close', () => {
      this.inbox.close();
      this.stopPushing();
      this.requests.close();
      // Its searches waiting for a PBX slot, or running at a PBX, would answer nobody: they stop too.
      this.service.cancelSearches(origin);
    });
    // ws reports oversized frames and protocol errors here before closing; without a listener they would crash the process.
    socket.on('error', (error) => this.log.warn('bridge socket error', { error: error.message }));
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.log.warn('bridge: binary frame ignored');
      return;
    }
    this.inbox.push(rawDataToText(data));
  }

  private onFrame(text: string): void {
    let frame: ReturnType<typeof parseBridgeClientFrame>;
    try {
      frame = parseBridgeClientFrame(text);
    } catch (error) {
      const refusal = refusalOf(error instanceof SchemaError ? invalidRequestError(error) : error);
      const id = readableFrameId(text);
      if (id === undefined) this.log.warn('bridge: unreadable frame ignored', { error: english(refusal) });
      else this.send({ id, error: refusal });
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
        // The Message itself, not the error's (English) text: the page says it in its own language.
        (error: unknown) => this.send({ id, error: refusalOf(error) }),
      );
  }

  /** Each subscribe starts over with a fresh snapshot (the client resubscribes after it reconnects or reloads). */
  private startPushing(): void {
    this.stopPushing();
    this.unsubscribe = this.service.subscribe((message: StateMessage) => {
      this.sendText(statePushText(message));
    });
  }

  private stopPushing(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private send(frame: BridgeServerFrame): void {
    this.sendText(JSON.stringify(frame));
  }

  /**
   * Frames sent in one go (the replies to a turn's worth of frames, settled in the same microtasks) leave in one
   * write: the socket is corked at the first and uncorked once this tick's work is done. One write per frame was
   * the biggest cost of a flood of small requests (a writev system call each, 2 s of CPU for 10,000 replies).
   */
  private sendText(text: string): void {
    if (this.transport && !this.corked) {
      this.corked = true;
      this.transport.cork();
      process.nextTick(() => {
        this.corked = false;
        this.transport?.uncork();
      });
    }
    if (!sendFrameText(this.socket, text, this.maxBufferedBytes, this.log)) this.stopPushing();
  }
}

/**
 * `window.attendant` for a plain browser: the AttendantApi carried over a
 * WebSocket to the `serve` bridge. Requests are `{id, method, params}`,
 * replies `{id, result}` or `{id, error}`, state arrives as
 * `{push: 'state', message}`.
 *
 * When the socket closes, requests in flight fail at once (a command must
 * never hang silently), and the bridge reconnects with backoff. After every
 * (re)connect it subscribes again, so the server sends a fresh snapshot and
 * no stale call survives the outage.
 */
import { Backoff } from '../../../app/backoff';
import type { CommandResult } from '../../../app/commands';
import type { AttendantApi, Reply, RequestMethod, RequestParams, StateMessage } from '../../../app/contract';
import { parseBridgeServerFrame, parseReply, readableFrameId } from '../../../app/contract';
import { crmLookupUrl, isCrmLookupUrl } from '../../../app/crm-link';
import { msg } from '../../../app/i18n/message';
import { BridgeRequestError } from './bridge-error';
import type { BridgeState, BridgeStatusSource } from './bridge-status';

/** The part of the browser WebSocket the bridge uses, so tests can pass a fake. */
export type WebSocketLike = Pick<WebSocket, 'readyState' | 'onopen' | 'onclose' | 'onerror' | 'onmessage' | 'send' | 'close'>;

export type WebSocketFactory = (url: string) => WebSocketLike;

const WEBSOCKET_OPEN = 1;

export interface WsBridgeOptions {
  url: string;
  createSocket?: WebSocketFactory;
  backoff?: Backoff;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** Where malformed frames are reported; they are otherwise ignored. */
  warn?: (message: string) => void;
  /** Opens a checked CRM link in a new tab (window.open with noopener,noreferrer unless a test says otherwise). */
  openTab?: (url: string) => void;
}

export interface WsBridge extends AttendantApi, BridgeStatusSource {
  /** Closes the socket for good (no reconnect). */
  close(): void;
}

interface PendingRequest {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** `ws(s)://<host>/bridge?token=<token>`, the token taken from the page's own URL. */
export function bridgeUrlFor(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/bridge?token=${encodeURIComponent(token)}`;
}

export function createWsBridge(options: WsBridgeOptions): WsBridge {
  const createSocket: WebSocketFactory = options.createSocket ?? ((url) => new WebSocket(url));
  const backoff = options.backoff ?? new Backoff();
  // The browser's timer ids stay in here, so the handle the options speak of can stay opaque.
  const browserTimers = new Map<unknown, ReturnType<typeof setTimeout>>();
  const setTimer =
    options.setTimer ??
    ((callback, ms) => {
      const handle = Symbol('timer');
      browserTimers.set(
        handle,
        setTimeout(() => {
          browserTimers.delete(handle);
          callback();
        }, ms),
      );
      return handle;
    });
  const clearTimer =
    options.clearTimer ??
    ((handle) => {
      clearTimeout(browserTimers.get(handle));
      browserTimers.delete(handle);
    });
  const warn = options.warn ?? ((message) => console.warn(message));
  // noopener: the CRM page gets no handle on this one; noreferrer: it never sees the bridge token in a Referer.
  const openTab = options.openTab ?? ((url) => void window.open(url, '_blank', 'noopener,noreferrer'));

  const stateListeners = new Set<(message: StateMessage) => void>();
  const statusListeners = new Set<(state: BridgeState) => void>();
  const focusListeners = new Set<(callId: string) => void>();
  const pending = new Map<number, PendingRequest>();
  let nextRequestId = 1;
  let status: BridgeState = 'connecting';
  let socket: WebSocketLike | null = null;
  let reconnectTimer: unknown = null;
  let closedForGood = false;

  function setStatus(next: BridgeState) {
    if (next === status) return;
    status = next;
    for (const listener of [...statusListeners]) listener(next);
  }

  function isOpen(): boolean {
    return socket !== null && socket.readyState === WEBSOCKET_OPEN;
  }

  /** One request; the reply is checked against what the method answers before anyone sees it. */
  function request<M extends RequestMethod>(method: M, params?: RequestParams<M>): Promise<Reply<M>> {
    const open = socket;
    if (!open || !isOpen()) return Promise.reject(new BridgeRequestError(msg('bridge.unreachable')));
    const id = nextRequestId++;
    return new Promise<unknown>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      open.send(JSON.stringify(params === undefined ? { id, method } : { id, method, params }));
    }).then((result) => parseReply(method, result));
  }

  function subscribe() {
    request('subscribe').catch((error: Error) => warn(`Subscribing to console state failed: ${error.message}`));
  }

  function handleFrame(data: unknown) {
    if (typeof data !== 'string') {
      warn('Ignored a non-text frame from the console service.');
      return;
    }
    let frame;
    try {
      frame = parseBridgeServerFrame(data);
    } catch (error) {
      warn(`Ignored a malformed frame from the console service: ${error instanceof Error ? error.message : String(error)}`);
      // A reply it can tell is for a request in flight ends that request: never a spinner that waits for ever.
      const id = readableFrameId(data);
      const waiting = id === undefined ? undefined : pending.get(id);
      if (id !== undefined && waiting) {
        pending.delete(id);
        waiting.reject(new BridgeRequestError(msg('bridge.unreadableReply')));
      }
      return;
    }
    if ('push' in frame) {
      for (const listener of [...stateListeners]) listener(frame.message);
      return;
    }
    const waiting = pending.get(frame.id);
    if (!waiting) return; // A reply to a request already failed by a disconnect.
    pending.delete(frame.id);
    // The core's own Message (why it refused), said in this page's language.
    if ('error' in frame) waiting.reject(new BridgeRequestError(frame.error));
    else waiting.resolve(frame.result);
  }

  function failPendingRequests() {
    const failed = [...pending.values()];
    pending.clear();
    for (const request of failed) request.reject(new BridgeRequestError(msg('bridge.lost')));
  }

  function connect() {
    reconnectTimer = null;
    const current = createSocket(options.url);
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      backoff.reset();
      setStatus('connected');
      if (stateListeners.size > 0) subscribe();
    };
    current.onmessage = (event: MessageEvent<unknown>) => {
      if (socket === current) handleFrame(event.data);
    };
    // A close always follows an error; the close handler does the work.
    current.onerror = () => {};
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      failPendingRequests();
      if (closedForGood) return;
      setStatus('reconnecting');
      reconnectTimer = setTimer(connect, backoff.next());
    };
  }

  connect();

  return {
    execute: (command) => request('execute', command),
    searchDirectory: (query) => request('searchDirectory', query),
    listContacts: () => request('listContacts'),
    saveContact: (contact) => request('saveContact', contact),
    deleteContact: (contactId) => request('deleteContact', contactId),
    importContacts: (batch) => request('importContacts', batch),
    reconnect: (connectionId) => request('reconnect', connectionId),
    getSettings: () => request('getSettings'),
    saveConnection: (submission) => request('saveConnection', submission),
    removeConnection: (connectionId) => request('removeConnection', connectionId),
    testConnection: (submission) => request('testConnection', submission),
    savePreferences: (general) => request('savePreferences', general),
    queryJournal: (query) => request('queryJournal', query),
    markJournalDone: (done) => request('markJournalDone', done),
    setJournalNote: (note) => request('setJournalNote', note),
    journalFigures: (params) => request('journalFigures', params),
    exportJournal: (query) => request('exportJournal', query),
    openLink: (params) => request('openLink', params),
    onState(listener) {
      stateListeners.add(listener);
      // Every subscribe makes the server send a fresh snapshot; while offline the reconnect subscribes.
      if (isOpen()) subscribe();
      return () => {
        stateListeners.delete(listener);
      };
    },
    // Only the desktop app asks a window to show a call (from its alerts): the server never sends it.
    // A page's own showCall (there is no other window here) selects the call in this page.
    onFocusCall(listener) {
      focusListeners.add(listener);
      return () => {
        focusListeners.delete(listener);
      };
    },
    // In browser mode only this page changes the settings, and it reads them back itself.
    onSettingsChanged() {
      return () => {};
    },
    // The browser opens the CRM itself, from the template the core has saved, after the same check the desktop app makes.
    async lookUpInCrm(number: string): Promise<CommandResult> {
      const settings = await request('getSettings');
      const template = settings.preferences.crmUrlTemplate;
      const link = crmLookupUrl(template, number);
      if (!link.ok) return link;
      if (!isCrmLookupUrl(link.url, template, number)) return { ok: false, error: msg('crm.unsafe') };
      openTab(link.url);
      return { ok: true };
    },
    showCall(callId: string) {
      for (const listener of [...focusListeners]) listener(callId);
      return Promise.resolve(null);
    },
    getState: () => status,
    onStateChange(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    close() {
      closedForGood = true;
      if (reconnectTimer !== null) clearTimer(reconnectTimer);
      reconnectTimer = null;
      const current = socket;
      socket = null;
      failPendingRequests();
      current?.close();
    },
  };
}

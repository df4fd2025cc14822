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
import type { Command, CommandResult } from '../../../app/commands';
import type {
  AttendantApi,
  ConnectionSubmission,
  DirectoryQuery,
  GeneralSettings,
  RequestMethod,
  SettingsResult,
  SettingsView,
  StateMessage,
} from '../../../app/contract';
import { parseBridgeServerFrame } from '../../../app/contract';
import { crmLookupUrl, isCrmLookupUrl } from '../../../app/crm-link';
import type { DirectoryEntry } from '../../../app/model';
import type { BridgeState, BridgeStatusSource } from './bridge-status';

export const UNREACHABLE_MESSAGE = 'Console service unreachable — reconnecting.';
export const CONNECTION_LOST_MESSAGE = 'The connection to the console service was lost before it answered. Please try again.';

/** The subset of the browser WebSocket the bridge uses, so tests can pass a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

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
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** `ws(s)://<host>/bridge?token=<token>`, the token taken from the page's own URL. */
export function bridgeUrlFor(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/bridge?token=${encodeURIComponent(token)}`;
}

export function createWsBridge(options: WsBridgeOptions): WsBridge {
  // The browser WebSocket's handler types are narrower than WebSocketLike's, but compatible in use.
  const createSocket: WebSocketFactory = options.createSocket ?? ((url) => new WebSocket(url) as unknown as WebSocketLike);
  const backoff = options.backoff ?? new Backoff();
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
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

  function request(method: RequestMethod, params?: unknown): Promise<unknown> {
    if (!isOpen()) return Promise.reject(new Error(UNREACHABLE_MESSAGE));
    const id = nextRequestId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      socket!.send(JSON.stringify(params === undefined ? { id, method } : { id, method, params }));
    });
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
      warn(`Ignored a malformed frame from the console service: ${(error as Error).message}`);
      return;
    }
    if ('push' in frame) {
      for (const listener of [...stateListeners]) listener(frame.message);
      return;
    }
    const waiting = pending.get(frame.id);
    if (!waiting) return; // A reply to a request already failed by a disconnect.
    pending.delete(frame.id);
    if ('error' in frame) waiting.reject(new Error(frame.error));
    else waiting.resolve(frame.result);
  }

  function failPendingRequests() {
    const failed = [...pending.values()];
    pending.clear();
    for (const request of failed) request.reject(new Error(CONNECTION_LOST_MESSAGE));
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
    current.onmessage = (event) => {
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
    execute: (command: Command) => request('execute', command) as Promise<CommandResult>,
    searchDirectory: (query: DirectoryQuery) => request('searchDirectory', query) as Promise<DirectoryEntry[]>,
    reconnect: (connectionId: string) => request('reconnect', connectionId) as Promise<CommandResult>,
    getSettings: () => request('getSettings') as Promise<SettingsView>,
    saveConnection: (submission: ConnectionSubmission) => request('saveConnection', submission) as Promise<SettingsResult>,
    removeConnection: (connectionId: string) => request('removeConnection', connectionId) as Promise<SettingsResult>,
    testConnection: (submission: ConnectionSubmission) => request('testConnection', submission) as Promise<CommandResult>,
    savePreferences: (general: GeneralSettings) => request('savePreferences', general) as Promise<SettingsResult>,
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
    // The browser opens the CRM itself, from the template the core has saved, after the same check the desktop app makes.
    async lookUpInCrm(number: string): Promise<CommandResult> {
      const settings = (await request('getSettings')) as SettingsView;
      const template = settings.preferences.crmUrlTemplate;
      const link = crmLookupUrl(template, number);
      if (!link.ok) return link;
      if (!isCrmLookupUrl(link.url, template, number)) return { ok: false, error: 'The CRM link was refused as unsafe.' };
      openTab(link.url);
      return { ok: true };
    },
    showCall(callId: string) {
      for (const listener of [...focusListeners]) listener(callId);
      return Promise.resolve();
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

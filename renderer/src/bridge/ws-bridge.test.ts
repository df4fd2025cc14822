import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../app/backoff';
import type { StateMessage } from '../../../app/contract';
import { msg } from '../../../app/i18n/message';
import { createTranslator } from '../../../app/i18n/translator';
import { emptyConsoleState } from '../../../app/model';
import { BridgeRequestError, messageOfError } from './bridge-error';
import type { BridgeState } from './bridge-status';
import { DEFAULT_PREFERENCES } from '../../../app/preferences';
import type { SettingsView } from '../../../app/contract';
import { bridgeUrlFor, createWsBridge, type WebSocketLike } from './ws-bridge';

/** A whole settings view (the bridge checks every reply against what its method answers). */
const settingsWith = (crmUrlTemplate: string): SettingsView => ({
  connections: [],
  defaultCountry: 'EE',
  preferences: { ...DEFAULT_PREFERENCES, crmUrlTemplate },
  passwordStorage: { kind: 'keychain', description: { key: 'credentials.keychain' } },
  desktop: false,
  savedTo: '/tmp/connections.json',
});

/** Plays the server's side of one socket: the test opens, answers, pushes and closes it. */
class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  readonly sent: { id: number; method: string; params?: unknown }[] = [];

  constructor(readonly url: string) {}

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.serverClose();
  }

  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  serverClose() {
    this.readyState = 3;
    this.onclose?.({});
  }
  lastRequest() {
    return this.sent[this.sent.length - 1];
  }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const timers: { callback: () => void; ms: number }[] = [];
  const warnings: string[] = [];
  const tabs: string[] = [];
  const bridge = createWsBridge({
    url: 'ws://console.test/bridge?token=t',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    backoff: new Backoff({ initialMs: 100, maxMs: 1000, factor: 2 }, () => 1),
    setTimer: (callback, ms) => timers.push({ callback, ms }),
    clearTimer: () => {},
    warn: (message) => warnings.push(message),
    openTab: (url) => tabs.push(url),
  });
  const states: BridgeState[] = [];
  bridge.onStateChange((state) => states.push(state));
  return { bridge, sockets, timers, warnings, states, tabs, socket: () => sockets[sockets.length - 1] };
}

const snapshot = (seq: number): StateMessage => ({ type: 'snapshot', seq, state: emptyConsoleState() });

describe('WebSocket bridge', () => {
  it.each([
    ['https://crm.example.com/search?phone={number}', '+3725123456', { ok: true }, ['https://crm.example.com/search?phone=%2B3725123456']],
    ['', '5551234', { ok: false, error: { key: 'crm.notSet' } }, []],
    ['https://crm.example.com/?q={number}', '5551234\nx', { ok: false, error: { key: 'crm.noNumber' } }, []],
  ])(
    'CRM lookup with template %j and number %j: asks the core for the template, checks, then opens a tab',
    async (template, number, result, tabs) => {
      const { bridge, socket, tabs: opened } = harness();
      socket().open();
      const lookUp = bridge.lookUpInCrm(number);
      expect(socket().sent.at(-1)).toMatchObject({ method: 'getSettings' });
      socket().receive({ id: socket().sent.at(-1)!.id, result: settingsWith(template) });
      expect(await lookUp).toEqual(result);
      expect(opened).toEqual(tabs);
    },
  );

  it('never opens a template that slipped past the core: the reply itself is refused', async () => {
    const { bridge, socket, tabs } = harness();
    socket().open();
    const lookUp = bridge.lookUpInCrm('5551234');
    socket().receive({ id: socket().sent.at(-1)!.id, result: settingsWith('javascript:alert(1)//{number}') });
    await expect(lookUp).rejects.toThrow();
    expect(tabs).toEqual([]);
  });

  it('showCall selects the call in this page (there is no other window) and sends nothing to the server', async () => {
    const { bridge, socket } = harness();
    const shown: string[] = [];
    const stop = bridge.onFocusCall((callId) => shown.push(callId));
    await bridge.showCall('pbx/100#1');
    stop();
    await bridge.showCall('pbx/100#2');
    expect(shown).toEqual(['pbx/100#1']);
    expect(socket().sent).toEqual([]);
  });

  it('builds the bridge URL from the page host and its token', () => {
    expect(bridgeUrlFor({ protocol: 'http:', host: '127.0.0.1:5173', search: '?token=a b&x=1' })).toBe(
      'ws://127.0.0.1:5173/bridge?token=a%20b',
    );
    expect(bridgeUrlFor({ protocol: 'https:', host: 'console.test', search: '' })).toBe('wss://console.test/bridge?token=');
  });

  it('frames requests and resolves them by id, in any order', async () => {
    const { bridge, socket } = harness();
    socket().open();
    const answer = bridge.execute({ kind: 'answer', callId: 'c1' });
    const search = bridge.searchDirectory({ text: 'ann' });
    expect(socket().sent).toEqual([
      { id: 1, method: 'execute', params: { kind: 'answer', callId: 'c1' } },
      { id: 2, method: 'searchDirectory', params: { text: 'ann' } },
    ]);
    const found = { entries: [{ number: '1102', source: 'pbx' }], vendorsPending: false, failures: [] };
    socket().receive({ id: 2, result: found });
    socket().receive({ id: 1, error: msg('request.tooMany', { limit: 256 }) });
    await expect(search).resolves.toEqual(found);
    // The core's refusal is its Message, said in this page's language (not the core's English inside a sentence).
    const refusal: unknown = await answer.catch((error: unknown) => error);
    expect(messageOfError(refusal)).toEqual(msg('request.tooMany', { limit: 256 }));
    expect(createTranslator('de')(messageOfError(refusal))).toBe(
      'Zu viele Anfragen warten auf diese Telefonanlage (mehr als 256); versuchen Sie es gleich noch einmal.',
    );
  });

  it('takes a refusal that is not a catalog Message (an English text, an unknown key) for an unreadable reply, which ends its request', async () => {
    const { bridge, socket, warnings } = harness();
    socket().open();
    const first = bridge.execute({ kind: 'answer', callId: 'c1' });
    const second = bridge.execute({ kind: 'answer', callId: 'c2' });
    socket().receive({ id: 1, error: 'No such call.' });
    socket().receive({ id: 2, error: { key: 'no.such.key' } });
    expect(warnings).toHaveLength(2);
    for (const request of [first, second]) {
      const refusal: unknown = await request.catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(BridgeRequestError);
      expect(refusal instanceof BridgeRequestError && refusal.text).toEqual(msg('bridge.unreadableReply'));
    }
  });

  it('subscribes when a listener is added and delivers state pushes', () => {
    const { bridge, socket } = harness();
    socket().open();
    const received: StateMessage[] = [];
    bridge.onState((message) => received.push(message));
    expect(socket().lastRequest()).toEqual({ id: 1, method: 'subscribe' });
    socket().receive({ push: 'state', message: snapshot(7) });
    expect(received).toEqual([snapshot(7)]);
  });

  it('ignores malformed frames instead of failing', () => {
    const { bridge, socket, warnings } = harness();
    socket().open();
    const received: StateMessage[] = [];
    bridge.onState((message) => received.push(message));
    socket().receive('not json');
    socket().receive({ push: 'state', message: { type: 'bogus', seq: 1 } });
    socket().receive({ id: 'x', result: 1 });
    expect(received).toEqual([]);
    expect(warnings).toHaveLength(3);
  });

  it('rejects requests at once while the socket is not open', async () => {
    const { bridge } = harness();
    await expect(bridge.reconnect('ts')).rejects.toMatchObject({ text: { key: 'bridge.unreachable' } });
  });

  it('on close: fails pending requests, reports reconnecting, reconnects with backoff and subscribes again', async () => {
    const { bridge, sockets, timers, states, socket } = harness();
    socket().open();
    bridge.onState(() => {});
    const pending = bridge.execute({ kind: 'hold', callId: 'c1' });

    socket().serverClose();
    await expect(pending).rejects.toMatchObject({ text: { key: 'bridge.lost' } });
    expect(bridge.getState()).toBe('reconnecting');
    expect(timers.map((timer) => timer.ms)).toEqual([100]);

    timers[0].callback();
    expect(sockets).toHaveLength(2);
    socket().serverClose(); // The service is still down: the next wait is longer.
    expect(timers.map((timer) => timer.ms)).toEqual([100, 200]);

    timers[1].callback();
    socket().open();
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
    expect(socket().sent).toEqual([{ id: 3, method: 'subscribe' }]);
  });

  it('close() stops for good', () => {
    const { bridge, timers, socket } = harness();
    socket().open();
    bridge.close();
    expect(timers).toEqual([]);
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel, type AttendantApi } from '../app/contract';
import { DEFAULT_PREFERENCES } from '../app/preferences';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  // The main process answers an IpcReply; by default an empty one (most tests look only at what is sent).
  ipcRenderer: {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ result: null })),
    on: vi.fn(),
    removeListener: vi.fn(),
    send: vi.fn(),
    sendSync: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

/** Every AttendantApi method; the type checks below fail to compile if the interface gains or loses one. */
const API_METHODS = [
  'execute',
  'searchDirectory',
  'listContacts',
  'saveContact',
  'deleteContact',
  'importContacts',
  'onState',
  'reconnect',
  'getSettings',
  'saveConnection',
  'removeConnection',
  'testConnection',
  'savePreferences',
  'onFocusCall',
  'onSettingsChanged',
  'showCall',
  'lookUpInCrm',
  'queryJournal',
  'markJournalDone',
  'setJournalNote',
  'journalFigures',
  'exportJournal',
  'openLink',
] as const satisfies readonly (keyof AttendantApi)[];
type Missing = Exclude<keyof AttendantApi, (typeof API_METHODS)[number]>;
const allListed: [Missing] extends [never] ? true : false = true;

async function loadPreload(): Promise<AttendantApi> {
  vi.resetModules();
  electron.contextBridge.exposeInMainWorld.mockClear();
  await import('./index');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  return electron.contextBridge.exposeInMainWorld.mock.calls[0][1] as AttendantApi;
}

/** Waits for a request whichever way it ends. */
const settled = (request: Promise<unknown>) =>
  request.then(
    () => undefined,
    () => undefined,
  );

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
  electron.ipcRenderer.on.mockClear();
  electron.ipcRenderer.removeListener.mockClear();
});

describe('preload', () => {
  it('exposes exactly one object, window.attendant, with exactly the AttendantApi methods', async () => {
    expect(allListed).toBe(true);
    const api = await loadPreload();
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0][0]).toBe('attendant');
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    for (const value of Object.values(api)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electron.ipcRenderer);
    }
  });

  it('sends requests on the contract channels only', async () => {
    const api = await loadPreload();
    await settled(api.execute({ kind: 'answer', callId: 'c1' }));
    await settled(api.searchDirectory({ text: 'ali' }));
    await settled(api.reconnect('pbx1'));
    const submission = {
      connection: { vendor: 'telserver' as const, id: 'hq', label: 'HQ', host: '10.0.0.5', port: 4000, lines: [{ device: '1100' }] },
      password: 'pw',
    };
    await settled(api.getSettings());
    await settled(api.saveConnection(submission));
    await settled(api.testConnection(submission));
    await settled(api.removeConnection('hq'));
    const general = { defaultCountry: 'EE', preferences: DEFAULT_PREFERENCES };
    await settled(api.savePreferences(general));
    await settled(api.showCall('pbx/100#1'));
    await settled(api.lookUpInCrm('+3725123456'));
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [ipcChannel('execute'), { kind: 'answer', callId: 'c1' }],
      [ipcChannel('searchDirectory'), { text: 'ali' }],
      [ipcChannel('reconnect'), 'pbx1'],
      [ipcChannel('getSettings')],
      [ipcChannel('saveConnection'), submission],
      [ipcChannel('testConnection'), submission],
      [ipcChannel('removeConnection'), 'hq'],
      [ipcChannel('savePreferences'), general],
      [ipcChannel('showCall'), 'pbx/100#1'],
      [ipcChannel('lookUpInCrm'), '+3725123456'],
    ]);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });

  it('onState listens before subscribing, hands the page only the message, and unsubscribes', async () => {
    const api = await loadPreload();
    const listener = vi.fn();
    const unsubscribe = api.onState(listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith(ipcChannel('state'), expect.any(Function));
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(ipcChannel('subscribe'));
    expect(electron.ipcRenderer.on.mock.invocationCallOrder[0]).toBeLessThan(electron.ipcRenderer.invoke.mock.invocationCallOrder[0]);

    const relay = electron.ipcRenderer.on.mock.calls[0][1] as (event: unknown, message: unknown) => void;
    const message = { type: 'patch', seq: 1, changes: [] };
    relay({ sender: electron.ipcRenderer }, message);
    // The IPC event (whose sender is ipcRenderer) must never reach page code.
    expect(listener).toHaveBeenCalledWith(message);
    expect(listener.mock.calls[0]).toHaveLength(1);

    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(ipcChannel('state'), relay);
  });

  it('onSettingsChanged relays a bare signal, whatever the message carries, and unsubscribes', async () => {
    const api = await loadPreload();
    const listener = vi.fn();
    const unsubscribe = api.onSettingsChanged(listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith(ipcChannel('settingsChanged'), expect.any(Function));
    const relay = electron.ipcRenderer.on.mock.calls[0][1] as (event: unknown, payload: unknown) => void;
    relay({ sender: electron.ipcRenderer }, { injected: true });
    expect(listener.mock.calls).toEqual([[]]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(ipcChannel('settingsChanged'), relay);
  });

  it('onFocusCall relays only a call id from the focus channel, never the IPC event, and unsubscribes', async () => {
    const api = await loadPreload();
    const listener = vi.fn();
    const unsubscribe = api.onFocusCall(listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith(ipcChannel('focusCall'), expect.any(Function));
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    const relay = electron.ipcRenderer.on.mock.calls[0][1] as (event: unknown, callId: unknown) => void;
    relay({ sender: electron.ipcRenderer }, 'pbx/100#1');
    relay({ sender: electron.ipcRenderer }, { callId: 'pbx/100#1' });
    relay({ sender: electron.ipcRenderer }, '');
    expect(listener.mock.calls).toEqual([['pbx/100#1']]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(ipcChannel('focusCall'), relay);
  });

  it("rejects with the main process's refusal as a Message, so the page says it in its own language", async () => {
    const api = await loadPreload();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ error: { key: 'request.tooMany', params: { limit: 256 } } });
    await expect(api.execute({ kind: 'answer', callId: 'c1' })).rejects.toEqual({ key: 'request.tooMany', params: { limit: 256 } });
    const reply = { entries: [], vendorsPending: false, failures: [] };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ result: reply });
    await expect(api.searchDirectory({ text: 'ali' })).resolves.toEqual(reply);
  });

  it('checks the shape of every answer: the envelope, the Message, and the reply of its method', async () => {
    const api = await loadPreload();
    for (const answer of [null, 'Refused', { error: 'Refused' }, { error: { key: 'no.such.key' } }, { result: { ok: 'yes' } }]) {
      electron.ipcRenderer.invoke.mockResolvedValueOnce(answer);
      const error: unknown = await api.execute({ kind: 'answer', callId: 'c1' }).catch((e: unknown) => e);
      expect(error, JSON.stringify(answer)).toBeInstanceOf(Error);
    }
  });
});

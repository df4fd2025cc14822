import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel, ipcReplyValue, isRequestMethod, REQUESTS, type StateMessage } from '../../app/contract';
import { isMessage, msg } from '../../app/i18n/message';
import { createTranslator } from '../../app/i18n/translator';
import { english } from '../core/errors';
import { startTestService, TEST_LINE_ID } from '../testing/test-connector';
import type { ConsoleService } from '../core/console-service';
import { memoryLogger } from '../testing/memory-logger';
import { appPageSenderCheck, registerIpc, type IpcService } from './ipc';

const UNTRUSTED_SENDER_ERROR = english(msg('request.untrustedSender'));

vi.mock('electron', () => {
  throw new Error('ipc.ts must not load electron at run time; it takes ipcMain as a parameter');
});

const APP = 'file:///opt/attendant/out/renderer/index.html';

/** The core publishes a turn's events together at the end of the turn. */
const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/**
 * `raw`: the handlers as registered (they answer an IpcReply); `handlers`: the same unwrapped as the preload
 * does it, a refusal rejecting with its English text, so the tests can say which refusal.
 */
function fakeIpcMain() {
  const raw = new Map<string, Handler>();
  const handlers = new Map<string, Handler>();
  const unwrapped =
    (handler: Handler): Handler =>
    (event, ...args) =>
      handler(event, ...args)
        .then(ipcReplyValue)
        .catch((refusal: unknown) => {
          throw isMessage(refusal) ? new Error(english(refusal)) : refusal;
        });
  return {
    raw,
    handlers,
    handle: vi.fn((channel: string, handler: Handler) => {
      raw.set(channel, handler);
      handlers.set(channel, unwrapped(handler));
    }),
    removeHandler: vi.fn((channel: string) => {
      raw.delete(channel);
      handlers.delete(channel);
    }),
  };
}

/** A webContents stand-in that records what it is sent and can be destroyed. */
function fakeContents(id = 1) {
  let destroyed = false;
  const destroyedListeners: (() => void)[] = [];
  return {
    id,
    sent: [] as StateMessage[],
    send(channel: string, message: StateMessage) {
      expect(channel).toBe(ipcChannel('state'));
      this.sent.push(message);
    },
    isDestroyed: () => destroyed,
    once(event: string, listener: () => void) {
      if (event === 'destroyed') destroyedListeners.push(listener);
      return this;
    },
    destroy() {
      destroyed = true;
      for (const listener of destroyedListeners) listener();
    },
  };
}

function eventFrom(
  url: string | null,
  options: { subframe?: boolean; contents?: ReturnType<typeof fakeContents> } = {},
): IpcMainInvokeEvent {
  const frame = url === null ? null : { url, parent: options.subframe ? { url: APP } : null };
  return { senderFrame: frame, sender: options.contents ?? fakeContents() } as unknown as IpcMainInvokeEvent;
}

function spyService(): IpcService & Record<'execute' | 'searchDirectory' | 'reconnect' | 'subscribe', ReturnType<typeof vi.fn>> {
  return {
    execute: vi.fn(async () => ({ ok: true as const })),
    searchDirectory: vi.fn(async () => ({ entries: [], vendorsPending: false, failures: [] })),
    reconnect: vi.fn(() => ({ ok: true as const })),
    subscribe: vi.fn(() => () => {}),
  };
}

const REQUEST_CHANNELS = Object.keys(REQUESTS).filter(isRequestMethod).map(ipcChannel);

describe('registerIpc: who may call', () => {
  it('handles exactly the contract request channels', () => {
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, spyService(), appPageSenderCheck(APP), memoryLogger());
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it.each([
    ['a page of another site', eventFrom('https://evil.example/')],
    ['another local file', eventFrom('file:///tmp/evil.html')],
    ['a subframe of the app page', eventFrom(APP, { subframe: true })],
    ['a frame that is gone', eventFrom(null)],
  ])('refuses %s on every channel, logs it and leaves the service alone', async (_name, event) => {
    const ipcMain = fakeIpcMain();
    const service = spyService();
    const log = memoryLogger();
    registerIpc(ipcMain, service, appPageSenderCheck(APP), log);
    for (const channel of REQUEST_CHANNELS) {
      await expect(ipcMain.handlers.get(channel)!(event, { kind: 'answer', callId: 'c1' })).rejects.toThrow(UNTRUSTED_SENDER_ERROR);
    }
    expect(service.execute).not.toHaveBeenCalled();
    expect(service.searchDirectory).not.toHaveBeenCalled();
    expect(service.reconnect).not.toHaveBeenCalled();
    expect(service.subscribe).not.toHaveBeenCalled();
    expect(log.entries.filter((e) => e.message.includes('untrusted sender'))).toHaveLength(REQUEST_CHANNELS.length);
  });

  it('refuses a malformed payload from the app page before touching the service', async () => {
    const ipcMain = fakeIpcMain();
    const service = spyService();
    registerIpc(ipcMain, service, appPageSenderCheck(APP), memoryLogger());
    const call = (channel: string, ...args: unknown[]) => ipcMain.handlers.get(channel)!(eventFrom(APP), ...args);
    await expect(call(ipcChannel('execute'), { kind: 'answer', callId: 5 })).rejects.toThrow(
      'Invalid request: command.callId: Text is expected here.',
    );
    await expect(call(ipcChannel('execute'), { kind: 'format-disk' })).rejects.toThrow(/^Invalid request: command\.kind/);
    await expect(call(ipcChannel('searchDirectory'), { text: 'a'.repeat(500) })).rejects.toThrow(/^Invalid request: query\.text/);
    await expect(call(ipcChannel('reconnect'), 'pbx', 'extra')).rejects.toThrow(/at most one argument/);
    await expect(call(ipcChannel('subscribe'), { all: true })).rejects.toThrow(/^Invalid request: params/);
    expect(service.execute).not.toHaveBeenCalled();
    expect(service.searchDirectory).not.toHaveBeenCalled();
    expect(service.reconnect).not.toHaveBeenCalled();
    expect(service.subscribe).not.toHaveBeenCalled();
  });

  it('answers a refusal as a Message (code and parameters), not an English text, and a reply as its result', async () => {
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, spyService(), appPageSenderCheck(APP), memoryLogger());
    const execute = ipcMain.raw.get(ipcChannel('execute'))!;
    await expect(execute(eventFrom('https://evil.example/'), { kind: 'answer', callId: 'c1' })).resolves.toEqual({
      error: msg('request.untrustedSender'),
    });
    const invalid = await execute(eventFrom(APP), { kind: 'answer', callId: 5 });
    expect(invalid).toMatchObject({ error: msg('request.invalid', { path: 'command.callId', problem: msg('validation.text') }) });
    expect(createTranslator('de')((invalid as { error: never }).error)).toMatch(/^Ungültige Anfrage: command\.callId: /);
    await expect(execute(eventFrom(APP), { kind: 'answer', callId: 'c1' }, 'extra')).resolves.toEqual({
      error: msg('request.tooManyArguments'),
    });
    await expect(ipcMain.raw.get(ipcChannel('showCall'))!(eventFrom(APP), 'pbx/100#1')).resolves.toEqual({
      error: msg('request.desktopOnly'),
    });
    await expect(ipcMain.raw.get(ipcChannel('getSettings'))!(eventFrom(APP))).resolves.toEqual({ error: msg('request.noSettings') });
    await expect(execute(eventFrom(APP), { kind: 'hold', callId: 'c1' })).resolves.toEqual({ result: { ok: true } });
  });

  it('passes a valid request from the app page to the service', async () => {
    const ipcMain = fakeIpcMain();
    const service = spyService();
    registerIpc(ipcMain, service, appPageSenderCheck(APP), memoryLogger());
    await expect(ipcMain.handlers.get(ipcChannel('execute'))!(eventFrom(`${APP}#/calls`), { kind: 'hold', callId: 'c1' })).resolves.toEqual(
      {
        ok: true,
      },
    );
    expect(service.execute).toHaveBeenCalledWith({ kind: 'hold', callId: 'c1' });
  });
});

describe('registerIpc: settings', () => {
  const submission = {
    connection: { vendor: 'telserver', id: 'hq', label: 'HQ', host: '10.0.0.5', port: 4000, lines: [{ device: '1100' }] },
    password: 'pw',
  };

  function spySettings() {
    const result = { ok: false as const, error: { key: 'settings.notSaved' as const } };
    return {
      view: vi.fn(async () => ({}) as never),
      saveConnection: vi.fn(async () => result),
      removeConnection: vi.fn(async () => result),
      testConnection: vi.fn(async () => ({ ok: true as const })),
      savePreferences: vi.fn(async () => result),
    };
  }

  it('passes valid settings requests from the app page to the settings service', async () => {
    const ipcMain = fakeIpcMain();
    const settings = spySettings();
    registerIpc(ipcMain, spyService(), appPageSenderCheck(APP), memoryLogger(), settings);
    const call = (channel: string, ...args: unknown[]) => ipcMain.handlers.get(channel)!(eventFrom(APP), ...args);
    await call(ipcChannel('getSettings'));
    await call(ipcChannel('saveConnection'), submission);
    await call(ipcChannel('testConnection'), submission);
    await call(ipcChannel('removeConnection'), 'hq');
    expect(settings.view).toHaveBeenCalledTimes(1);
    expect(settings.saveConnection).toHaveBeenCalledWith(submission);
    expect(settings.testConnection).toHaveBeenCalledWith(submission);
    expect(settings.removeConnection).toHaveBeenCalledWith('hq');
  });

  it('refuses malformed settings payloads and untrusted senders before the settings service sees them', async () => {
    const ipcMain = fakeIpcMain();
    const settings = spySettings();
    registerIpc(ipcMain, spyService(), appPageSenderCheck(APP), memoryLogger(), settings);
    const call = (channel: string, ...args: unknown[]) => ipcMain.handlers.get(channel)!(eventFrom(APP), ...args);
    await expect(call(ipcChannel('saveConnection'), { connection: { vendor: 'asterisk', id: 'x' } })).rejects.toThrow(
      /^Invalid request: submission\.connection\.vendor/,
    );
    await expect(call(ipcChannel('saveConnection'), { ...submission, password: '' })).rejects.toThrow(
      /^Invalid request: submission\.password/,
    );
    await expect(call(ipcChannel('savePreferences'), { defaultCountry: 'ee', preferences: {} })).rejects.toThrow(
      /^Invalid request: general\.defaultCountry/,
    );
    await expect(call(ipcChannel('getSettings'), { all: true })).rejects.toThrow(/^Invalid request: params/);
    await expect(ipcMain.handlers.get(ipcChannel('saveConnection'))!(eventFrom('https://evil.example/'), submission)).rejects.toThrow(
      UNTRUSTED_SENDER_ERROR,
    );
    expect(settings.saveConnection).not.toHaveBeenCalled();
    expect(settings.savePreferences).not.toHaveBeenCalled();
    expect(settings.view).not.toHaveBeenCalled();
  });
});

describe('registerIpc: desktop requests', () => {
  it('showCall from the app page (the alert window) reaches the shell with a valid call id only', async () => {
    const ipcMain = fakeIpcMain();
    const desktop = { showCall: vi.fn(), lookUpInCrm: vi.fn() };
    registerIpc(ipcMain, spyService(), appPageSenderCheck(APP), memoryLogger(), undefined, desktop);
    const showCall = ipcMain.handlers.get(ipcChannel('showCall'))!;
    await showCall(eventFrom(`${APP}#alert/pbx%2F100%231`), 'pbx/100#1');
    expect(desktop.showCall).toHaveBeenCalledWith('pbx/100#1');
    await expect(showCall(eventFrom(APP), { callId: 'x' })).rejects.toThrow(/^Invalid request: callId/);
    await expect(showCall(eventFrom('https://evil.example/'), 'pbx/100#1')).rejects.toThrow(UNTRUSTED_SENDER_ERROR);
    expect(desktop.showCall).toHaveBeenCalledTimes(1);
  });

  it('lookUpInCrm passes only a number-sized string to the shell, which builds the URL itself', async () => {
    const ipcMain = fakeIpcMain();
    const desktop = { showCall: vi.fn(), lookUpInCrm: vi.fn(async () => ({ ok: true as const })) };
    registerIpc(ipcMain, spyService(), appPageSenderCheck(APP), memoryLogger(), undefined, desktop);
    const lookUp = ipcMain.handlers.get(ipcChannel('lookUpInCrm'))!;
    expect(await lookUp(eventFrom(APP), '+3725123456')).toEqual({ ok: true });
    await expect(lookUp(eventFrom(APP), { url: 'javascript:alert(1)' })).rejects.toThrow(/^Invalid request: number/);
    await expect(lookUp(eventFrom(APP), 'x'.repeat(65))).rejects.toThrow(/^Invalid request: number/);
    await expect(lookUp(eventFrom('https://evil.example/'), '5551234')).rejects.toThrow(UNTRUSTED_SENDER_ERROR);
    expect(desktop.lookUpInCrm.mock.calls).toEqual([['+3725123456']]);
  });
});

describe('registerIpc: state subscription', () => {
  let service: ConsoleService | undefined;
  afterEach(async () => {
    await service?.stop();
  });

  it('sends a snapshot then patches to the subscribing window, and stops when it is destroyed', async () => {
    const started = await startTestService();
    service = started.service;
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, service, appPageSenderCheck(APP), memoryLogger());
    const contents = fakeContents();
    await ipcMain.handlers.get(ipcChannel('subscribe'))!(eventFrom(APP, { contents }));
    expect(contents.sent.map((m) => m.type)).toEqual(['snapshot']);
    expect(contents.sent[0].type === 'snapshot' && contents.sent[0].state.lines[TEST_LINE_ID]).toBeTruthy();

    started.connector.ring('test/100#1', '+4930999');
    await endOfTurn();
    expect(contents.sent.map((m) => m.type)).toEqual(['snapshot', 'patch']);

    contents.destroy();
    started.connector.ring('test/100#2', '+4930998');
    await endOfTurn();
    expect(contents.sent).toHaveLength(2);
    expect((service as unknown as { listeners: Set<unknown> }).listeners.size).toBe(0);
  });

  it('starts over with a fresh snapshot when the page subscribes again (reload), keeping one subscription', async () => {
    const started = await startTestService();
    service = started.service;
    const ipcMain = fakeIpcMain();
    const dispose = registerIpc(ipcMain, service, appPageSenderCheck(APP), memoryLogger());
    const contents = fakeContents();
    const subscribe = () => ipcMain.handlers.get(ipcChannel('subscribe'))!(eventFrom(APP, { contents }));
    await subscribe();
    await subscribe();
    started.connector.ring('test/100#1', '+4930999');
    await endOfTurn();
    expect(contents.sent.map((m) => m.type)).toEqual(['snapshot', 'snapshot', 'patch']);
    expect((service as unknown as { listeners: Set<unknown> }).listeners.size).toBe(1);

    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect((service as unknown as { listeners: Set<unknown> }).listeners.size).toBe(0);
  });
});

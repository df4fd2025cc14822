import { describe, expect, it, vi } from 'vitest';
import type { RequestHandlers } from '../../app/contract';
import { msg } from '../../app/i18n/message';
import { coreHandlers, handleRequest, type RequestTarget, type SettingsTarget } from './request-handler';

function spyService() {
  return {
    execute: vi.fn(async () => ({ ok: true as const })),
    searchDirectory: vi.fn(async () => ({ entries: [], vendorsPending: false, failures: [] })),
    reconnect: vi.fn(() => ({ ok: true as const })),
  } satisfies RequestTarget;
}

function spySettings() {
  const refusal = { ok: false as const, error: { key: 'settings.notSaved' as const } };
  return {
    view: vi.fn(async () => Promise.reject(new Error('not in this test'))),
    saveConnection: vi.fn(async () => refusal),
    removeConnection: vi.fn(async () => refusal),
    testConnection: vi.fn(async () => ({ ok: true as const })),
    savePreferences: vi.fn(async () => refusal),
  } satisfies SettingsTarget;
}

/** What a bridge adds: here, answers that say which handler ran. */
function handlersOver(service: RequestTarget, settings?: SettingsTarget, origin?: string): RequestHandlers {
  return {
    ...coreHandlers(service, settings, origin),
    subscribe: async () => null,
    showCall: async () => null,
    lookUpInCrm: async () => ({ ok: true }),
  };
}

describe('handleRequest', () => {
  it('dispatches a valid command to execute', async () => {
    const service = spyService();
    await expect(handleRequest(handlersOver(service), 'execute', { kind: 'answer', callId: 'c1' })).resolves.toEqual({ ok: true });
    expect(service.execute).toHaveBeenCalledWith({ kind: 'answer', callId: 'c1' });
  });

  it('dispatches searchDirectory (naming the client, whose newer search replaces its older one) and reconnect', async () => {
    const service = spyService();
    await handleRequest(handlersOver(service), 'searchDirectory', { text: 'ali', limit: 5 });
    await handleRequest(handlersOver(service, undefined, 'bridge:7'), 'searchDirectory', { text: 'al', limit: 5 });
    await handleRequest(handlersOver(service), 'reconnect', 'pbx1');
    expect(service.searchDirectory).toHaveBeenCalledWith({ text: 'ali', limit: 5 }, undefined);
    expect(service.searchDirectory).toHaveBeenCalledWith({ text: 'al', limit: 5 }, 'bridge:7');
    expect(service.reconnect).toHaveBeenCalledWith('pbx1');
  });

  it('rejects a payload that breaks the contract with the offending path, before touching the service', async () => {
    const service = spyService();
    const handlers = handlersOver(service);
    await expect(handleRequest(handlers, 'execute', { kind: 'answer' })).rejects.toThrow(/^Invalid request: command\.callId: /);
    await expect(handleRequest(handlers, 'execute', { kind: 'answer', callId: 'c1', extra: 1 })).rejects.toThrow(
      /^Invalid request: command\.extra: There is no such setting\.$/,
    );
    await expect(handleRequest(handlers, 'reconnect', 42)).rejects.toThrow(/^Invalid request: connectionId: Text is expected here\.$/);
    expect(service.execute).not.toHaveBeenCalled();
    expect(service.reconnect).not.toHaveBeenCalled();
  });

  it('refuses made-up methods and parameters where none are expected', async () => {
    const handlers = handlersOver(spyService());
    await expect(handleRequest(handlers, 'shutdown', {})).rejects.toThrow(/^Invalid request: method/);
    await expect(handleRequest(handlers, 'subscribe', { all: true })).rejects.toThrow(/^Invalid request: params/);
    // Each refusal is a catalog Message (what crosses to the page), its English only the error's text for logs.
    await expect(handleRequest(handlers, 'shutdown', {})).rejects.toMatchObject({ text: msg('request.unknownMethod') });
    await expect(handleRequest(handlers, 'reconnect', 42)).rejects.toMatchObject({
      text: msg('request.invalid', { path: 'connectionId', problem: msg('validation.text') }),
    });
  });
});

describe('handleRequest: settings', () => {
  it('answers that settings cannot be changed when the bridge has no settings service', async () => {
    await expect(handleRequest(handlersOver(spyService()), 'getSettings', undefined)).rejects.toMatchObject({
      text: msg('request.noSettings'),
    });
  });

  it('validates the whole submission (the vendor schema included) before the settings service sees it', async () => {
    const settings = spySettings();
    const handlers = handlersOver(spyService(), settings);
    await expect(handleRequest(handlers, 'saveConnection', { connection: 'telserver' })).rejects.toThrow(
      /^Invalid request: submission\.connection/,
    );
    await expect(
      handleRequest(handlers, 'saveConnection', {
        connection: { vendor: 'telserver', id: 'hq', label: 'HQ', host: 'x', port: 70000, lines: [{ device: '1100' }] },
      }),
    ).rejects.toThrow(/^Invalid request: submission\.connection\.port: A port from 1 to 65535\.$/);
    await expect(handleRequest(handlers, 'removeConnection', { id: 'hq' })).rejects.toThrow(/^Invalid request: connectionId/);
    expect(settings.saveConnection).not.toHaveBeenCalled();
    expect(settings.removeConnection).not.toHaveBeenCalled();
    await handleRequest(handlers, 'removeConnection', 'hq');
    expect(settings.removeConnection).toHaveBeenCalledWith('hq');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { handleRequest, NO_SETTINGS_ERROR, type RequestTarget } from './request-handler';

function spyService(): RequestTarget & { [K in keyof RequestTarget]: ReturnType<typeof vi.fn> } {
  return {
    execute: vi.fn(async () => ({ ok: true as const })),
    searchDirectory: vi.fn(async () => []),
    reconnect: vi.fn(() => ({ ok: true as const })),
  };
}

describe('handleRequest', () => {
  it('dispatches a valid command to execute', async () => {
    const service = spyService();
    await expect(handleRequest(service, 'execute', { kind: 'answer', callId: 'c1' })).resolves.toEqual({ ok: true });
    expect(service.execute).toHaveBeenCalledWith({ kind: 'answer', callId: 'c1' });
  });

  it('dispatches searchDirectory and reconnect', async () => {
    const service = spyService();
    await handleRequest(service, 'searchDirectory', { text: 'ali', limit: 5 });
    await handleRequest(service, 'reconnect', 'pbx1');
    expect(service.searchDirectory).toHaveBeenCalledWith({ text: 'ali', limit: 5 });
    expect(service.reconnect).toHaveBeenCalledWith('pbx1');
  });

  it('rejects a payload that breaks the contract with the offending path, before touching the service', async () => {
    const service = spyService();
    await expect(handleRequest(service, 'execute', { kind: 'answer' })).rejects.toThrow(
      'Invalid request: command.callId: expected a string',
    );
    await expect(handleRequest(service, 'execute', { kind: 'answer', callId: 'c1', extra: 1 })).rejects.toThrow(
      /^Invalid request: command\.extra: expected no such field$/,
    );
    await expect(handleRequest(service, 'reconnect', 42)).rejects.toThrow('Invalid request: connectionId: expected a string');
    expect(service.execute).not.toHaveBeenCalled();
    expect(service.reconnect).not.toHaveBeenCalled();
  });

  it('refuses subscribe and made-up methods, which the bridges must handle or never send', async () => {
    const service = spyService();
    await expect(handleRequest(service, 'subscribe', undefined)).rejects.toThrow(/handled by the bridge/);
    await expect(handleRequest(service, 'shutdown' as never, {})).rejects.toThrow(/^Invalid request: method/);
  });
});

describe('handleRequest: settings', () => {
  it('answers that settings cannot be changed when the bridge has no settings service', async () => {
    await expect(handleRequest(spyService(), 'getSettings', undefined)).rejects.toThrow(NO_SETTINGS_ERROR);
  });

  it('validates the envelope before the settings service sees it', async () => {
    const settings = {
      view: vi.fn(),
      saveConnection: vi.fn(),
      removeConnection: vi.fn(),
      testConnection: vi.fn(),
      savePreferences: vi.fn(),
    };
    await expect(handleRequest(spyService(), 'saveConnection', { connection: 'telserver' }, settings)).rejects.toThrow(
      'Invalid request: submission.connection: expected an object',
    );
    await expect(handleRequest(spyService(), 'removeConnection', { id: 'hq' }, settings)).rejects.toThrow(
      'Invalid request: connectionId: expected a string',
    );
    expect(settings.saveConnection).not.toHaveBeenCalled();
    expect(settings.removeConnection).not.toHaveBeenCalled();
    await handleRequest(spyService(), 'removeConnection', 'hq', settings);
    expect(settings.removeConnection).toHaveBeenCalledWith('hq');
  });
});

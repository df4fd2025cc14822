import { describe, expect, it } from 'vitest';
import { call, connection, consoleState, line } from './test-state';
import { trayLook, trayModel } from './tray-state';

describe('tray look', () => {
  it('is idle when every connection is online and nothing rings', () => {
    expect(trayLook(consoleState({ connections: [connection('a', 'online')], calls: [call('c', { state: 'connected' })] }))).toBe('idle');
  });

  it('is ringing while an incoming call rings or queues, whatever the links say', () => {
    expect(trayLook(consoleState({ connections: [connection('a', 'offline'), connection('b', 'online')], calls: [call('c')] }))).toBe(
      'ringing',
    );
    expect(trayLook(consoleState({ connections: [connection('a', 'online')], calls: [call('c', { state: 'queued' })] }))).toBe('ringing');
  });

  it('does not ring for our own outgoing call', () => {
    expect(
      trayLook(
        consoleState({ connections: [connection('a', 'online')], calls: [call('c', { direction: 'outgoing', state: 'ringback' })] }),
      ),
    ).toBe('idle');
  });

  it('is offline when any connection is not online, or none is configured', () => {
    for (const state of ['connecting', 'pbx-link-down', 'offline', 'stopped'] as const) {
      expect(trayLook(consoleState({ connections: [connection('a', 'online'), connection('b', state)] }))).toBe('offline');
    }
    expect(trayLook(consoleState({}))).toBe('offline');
  });
});

describe('tray model', () => {
  const state = consoleState({
    connections: [connection('b', 'pbx-link-down', 'Branch'), connection('a', 'online', 'HQ')],
    lines: [line('a/100')],
    calls: [call('c1'), call('c2')],
  });

  it('says what is happening in the tooltip', () => {
    expect(trayModel(state, { doNotDisturb: false }).tooltip).toBe('Attendant Console: 2 calls ringing');
    expect(
      trayModel(consoleState({ connections: [connection('b', 'offline'), connection('a', 'online')] }), { doNotDisturb: true }).tooltip,
    ).toBe('Attendant Console: 1 of 2 connections not online (do not disturb)');
  });

  it('offers Show, Do not disturb (checked as set), each connection state and Quit', () => {
    expect(trayModel(state, { doNotDisturb: true }).menu).toEqual([
      { type: 'action', label: 'Show', action: 'show' },
      { type: 'action', label: 'Do not disturb', action: 'toggle-dnd', checked: true },
      { type: 'separator' },
      { type: 'info', label: 'Branch: PBX link down' },
      { type: 'info', label: 'HQ: online' },
      { type: 'separator' },
      { type: 'action', label: 'Quit', action: 'quit' },
    ]);
  });
});

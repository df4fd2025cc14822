import { describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../testing/memory-logger';
import { registerCallShortcuts, shortcutTarget } from './global-shortcuts';
import { call, connection, consoleState, consoleWith, line } from '../../app/testing/fixtures';

describe('what a global shortcut acts on', () => {
  const state = consoleWith([
    call({ id: 'late', startedAt: 20 }),
    call({ id: 'early', startedAt: 10 }),
    call({ id: 'talking', state: 'connected', actions: ['hangup', 'hold'], startedAt: 5 }),
    call({ id: 'out', direction: 'outgoing', state: 'ringback', actions: ['hangup'], startedAt: 1 }),
  ]);

  it('answer takes the longest-ringing call', () => {
    expect(shortcutTarget(state, 'answer')?.id).toBe('early');
  });

  it('hang up takes the call being talked on before an outgoing one', () => {
    expect(shortcutTarget(state, 'hangup')?.id).toBe('talking');
    expect(shortcutTarget(consoleWith([call({ id: 'out', state: 'ringback', actions: ['hangup'] })]), 'hangup')?.id).toBe('out');
  });

  it('finds nothing when nothing fits', () => {
    expect(shortcutTarget(consoleState({}), 'answer')).toBeUndefined();
  });

  it('never reaches a call whose connection is not online, nor a watched colleague’s call', () => {
    const branch = call({ id: 'branch/1#1', startedAt: 1 });
    const colleague = call({ id: 'ts/1103#1', startedAt: 2 });
    const here = call({ id: 'ts/1101#2', startedAt: 3 });
    const mixed = consoleWith([branch, colleague, here], {
      connections: [connection(), connection({ id: 'branch', state: 'offline' })],
      lines: [line(), line({ id: 'branch/1' }), line({ id: 'ts/1103', watched: true })],
    });
    expect(shortcutTarget(mixed, 'answer')?.id).toBe('ts/1101#2');
  });
});

describe('registering global shortcuts', () => {
  it('registers both, reports one taken by another app, and unregisters only its own', () => {
    const callbacks = new Map<string, () => void>();
    const globalShortcut = {
      register: vi.fn((acc: string, cb: () => void) => {
        if (acc === 'Alt+F2') return false;
        callbacks.set(acc, cb);
        return true;
      }),
      unregister: vi.fn(),
    };
    const run = vi.fn();
    const result = registerCallShortcuts(globalShortcut, { answer: 'Alt+F1', hangup: 'Alt+F2' }, run, memoryLogger());
    expect(result.refused).toEqual(['Alt+F2']);
    callbacks.get('Alt+F1')!();
    expect(run).toHaveBeenCalledWith('answer');
    result.unregister();
    expect(globalShortcut.unregister.mock.calls).toEqual([['Alt+F1']]);
  });

  it('skips a shortcut switched off', () => {
    const globalShortcut = { register: vi.fn(() => true), unregister: vi.fn() };
    registerCallShortcuts(globalShortcut, { answer: '', hangup: 'Alt+F2' }, vi.fn(), memoryLogger());
    expect(globalShortcut.register).toHaveBeenCalledTimes(1);
  });
});

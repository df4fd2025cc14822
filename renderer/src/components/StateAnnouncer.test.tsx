// @vitest-environment jsdom
import { act, cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { call, connection, consoleWith, FIXTURE_NOW } from '../../../app/testing/fixtures';
import { renderConsole } from '../testing/render-console';

afterEach(cleanup);

const polite = () => document.querySelector('[aria-live="polite"][aria-atomic="true"]')?.textContent;

describe('what changed, said politely', () => {
  it('a call connected, held, ended; a connection leaving online and coming back', () => {
    const ringing = call();
    const { api } = renderConsole(consoleWith([ringing]));
    const connected = { ...ringing, state: 'connected' as const, connectedAt: FIXTURE_NOW, actions: ['hangup' as const, 'hold' as const] };
    act(() => api.pushPatch([{ op: 'set', collection: 'calls', id: ringing.id, value: connected }]));
    expect(polite()).toBe('Connected with Anna Berg');
    act(() => api.pushPatch([{ op: 'set', collection: 'calls', id: ringing.id, value: { ...connected, state: 'held' } }]));
    expect(polite()).toBe('Anna Berg on hold');
    act(() => api.pushPatch([{ op: 'delete', collection: 'calls', id: ringing.id }]));
    expect(polite()).toBe('Call with Anna Berg ended');

    act(() => api.pushPatch([{ op: 'set', collection: 'connections', id: 'ts', value: connection({ state: 'offline' }) }]));
    expect(polite()).toBe('TelServer is not online — its calls are unknown');
    act(() => api.pushPatch([{ op: 'set', collection: 'connections', id: 'ts', value: connection() }]));
    expect(polite()).toBe('TelServer is online again');
  });

  it('says nothing of a call whose connection is not online (a resync while it connects): the call is unknown', () => {
    const ringing = call();
    const { api } = renderConsole(consoleWith([ringing]));
    act(() => api.pushPatch([{ op: 'set', collection: 'connections', id: 'ts', value: connection({ state: 'connecting' }) }]));
    act(() => api.pushPatch([{ op: 'set', collection: 'calls', id: ringing.id, value: { ...ringing, state: 'held' } }]));
    expect(polite()).not.toContain('on hold');
  });
});

// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Colleague } from '../../../../app/model';
import { call, connection, consoleWith, FIXTURE_NOW, line } from '../../../../app/testing/fixtures';
import { renderConsole } from '../../testing/render-console';

afterEach(cleanup);

const queued = (id: string, name: string, queue: { id: string; name?: string; position?: number; operators?: number }, waitedMs: number) =>
  call({
    id: `ts/1101#${id}`,
    state: 'queued',
    actions: [],
    remote: { number: '+3725550000', name },
    queue,
    startedAt: FIXTURE_NOW - waitedMs,
  });

describe('the queue view', () => {
  it('lists callers waiting in queues longest first, with queue, place, operators and wait, and counts each queue', () => {
    renderConsole(
      consoleWith([
        queued('a', 'Maria Lind', { id: '2', name: 'Support', position: 1, operators: 2 }, 30_000),
        queued('b', 'Jaan Tamm', { id: '1', name: 'Sales', position: 2, operators: 1 }, 65_000),
        queued('c', 'Anna Berg', { id: '1', name: 'Sales', position: 3 }, 10_000),
        call({ id: 'ts/1101#r', remote: { number: '5551234', name: 'Ringing Person' } }),
      ]),
    );
    const view = screen.getByRole('region', { name: /Queues/ });
    expect(within(view).getByRole('heading', { level: 2 }).textContent).toContain('Sales: 2');
    expect(within(view).getByRole('heading', { level: 2 }).textContent).toContain('Support: 1');
    const rows = within(within(view).getByRole('list', { name: 'Queues' })).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^Sales · No\. 2 · Jaan Tamm · waiting 1:0\d · 1 operator active$/),
      expect.stringMatching(/^Support · No\. 1 · Maria Lind · waiting 0:\d\d · 2 operators active$/),
      expect.stringMatching(/^Sales · No\. 3 · Anna Berg · waiting 0:\d\d$/),
    ]);
    expect(within(view).queryAllByRole('button')).toEqual([]);
    expect(within(view).getByText(/The PBX hands these callers to a free operator/)).toBeTruthy();
    // A queued caller is not in the ringing list (nothing there can answer it yet); the ringing one is.
    const ringing = screen.getByRole('list', { name: 'Ringing and waiting' });
    expect(
      within(ringing)
        .getAllByRole('listitem')
        .map((row) => row.getAttribute('aria-label')),
    ).toEqual([expect.stringContaining('Ringing Person')]);
  });

  it('names a queue the PBX does not describe by the number the caller dialled (TelServer), never by a dash', () => {
    renderConsole(
      consoleWith([
        call({ id: 'ts/1101#q1', state: 'queued', actions: [], remote: { number: '+3725550001' }, firstCalled: { number: '1200' } }),
        call({
          id: 'ts/1101#q2',
          state: 'queued',
          actions: [],
          remote: { number: '+3725550002' },
          firstCalled: { number: '1201', name: 'Support' },
        }),
      ]),
    );
    const heading = within(screen.getByRole('region', { name: /Queues/ })).getByRole('heading', { level: 2 }).textContent;
    expect(heading).toContain('1200: 1');
    expect(heading).toContain('Support: 1');
    expect(heading).not.toContain('—');
  });

  it('is absent when no one waits, and greys a caller whose PBX went offline', () => {
    const { api } = renderConsole(consoleWith([queued('a', 'Maria Lind', { id: '7' }, 5_000)]));
    expect(screen.getByRole('list', { name: 'Queues' }).textContent).toContain('7 · Maria Lind');
    act(() => api.pushPatch([{ op: 'set', collection: 'connections', id: 'ts', value: connection({ state: 'offline' }) }]));
    expect(screen.getByRole('list', { name: 'Queues' }).textContent).toContain('PBX offline — state unknown');
    act(() => api.pushPatch([{ op: 'delete', collection: 'calls', id: 'ts/1101#a' }]));
    expect(screen.queryByRole('region', { name: /Queues/ })).toBeNull();
  });

  it('where the PBX lets the console take a caller out of a queue (innovaphone), each queue has Take call and Alt+Q takes the first', async () => {
    const queue = (id: string, name: string, callers: string[]): Colleague => ({
      id: `ts/${id}`,
      connectionId: 'ts',
      name,
      number: id,
      registered: true,
      activity: callers.length ? 'ringing' : 'idle',
      kind: 'queue',
      calls: callers.map((number) => ({ ref: 'ringing', state: 'ringing', direction: 'incoming', remote: { number } })),
    });
    const { api } = renderConsole(
      consoleWith([], {
        lines: [line({ capabilities: ['dial', 'pickup', 'presence'] })],
        colleagues: [queue('1200', 'Sales', ['+3725207788', '+3725201111']), queue('1201', 'Support', ['+4916098765432'])],
      }),
    );
    const view = screen.getByRole('region', { name: /Queues/ });
    expect(within(view).getByRole('heading', { level: 2 }).textContent).toContain('Sales: 2');
    const takeable = within(view).getByRole('list', { name: 'Callers you can take' });
    expect(
      within(takeable)
        .getAllByRole('listitem')
        .map((row) => row.textContent),
    ).toEqual([
      expect.stringMatching(/^Sales · .*7788.*Take call/),
      // The PBX hands over a queue's longest-waiting caller: the one behind has no button that would take another.
      expect.not.stringMatching(/Take call/),
      expect.stringMatching(/^Support · .*5432.*Take call/),
    ]);
    expect(within(view).queryByText(/The PBX hands these callers/)).toBeNull();
    fireEvent.click(within(takeable).getAllByRole('button', { name: 'Take call' })[1]);
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'pickup', lineId: 'ts/1101', colleagueId: 'ts/1201', ref: 'ringing' }]));
    fireEvent.keyDown(window, { key: 'q', code: 'KeyQ', altKey: true });
    await waitFor(() => expect(api.commands[1]).toEqual({ kind: 'pickup', lineId: 'ts/1101', colleagueId: 'ts/1200', ref: 'ringing' }));
    // The PBX offline: the callers are unknown, nothing to take, and the key does nothing.
    act(() => api.pushPatch([{ op: 'set', collection: 'connections', id: 'ts', value: connection({ state: 'offline' }) }]));
    expect(screen.queryByRole('list', { name: 'Callers you can take' })).toBeNull();
    fireEvent.keyDown(window, { key: 'q', code: 'KeyQ', altKey: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(api.commands).toHaveLength(2);
    // A call queue is not a colleague: it is not in the presence grid.
    expect(screen.queryByText('Sales', { selector: '.colleague *' })).toBeNull();
  });
});

// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { call, connection, consoleWith, FIXTURE_NOW } from '../../../../app/testing/fixtures';
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

  it('is absent when no one waits, and greys a caller whose PBX went offline', () => {
    const { api } = renderConsole(consoleWith([queued('a', 'Maria Lind', { id: '7' }, 5_000)]));
    expect(screen.getByRole('list', { name: 'Queues' }).textContent).toContain('7 · Maria Lind');
    act(() => api.pushPatch([{ op: 'set', collection: 'connections', id: 'ts', value: connection({ state: 'offline' }) }]));
    expect(screen.getByRole('list', { name: 'Queues' }).textContent).toContain('PBX offline — state unknown');
    act(() => api.pushPatch([{ op: 'delete', collection: 'calls', id: 'ts/1101#a' }]));
    expect(screen.queryByRole('region', { name: /Queues/ })).toBeNull();
  });
});

// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentInfo } from '../../../app/model';
import { connection, consoleWith, line } from '../../../app/testing/fixtures';
import { renderConsole } from '../testing/render-console';

afterEach(cleanup);

const agentLine = (agent: Partial<AgentInfo>) =>
  line({ capabilities: ['dial', 'agent'], agent: { state: 'ready', permittedStates: [], inboundServices: [], ...agent } });

describe('agent state on the line panel', () => {
  it('shows the state and switches it; a change at the phone shows at once; busy is shown, never offered', async () => {
    const { api } = renderConsole(consoleWith([], { lines: [agentLine({ state: 'ready' })] }));
    const agent = screen.getByRole('group', { name: 'Agent' });
    expect(within(agent).getByText('Agent: Ready')).toBeTruthy();
    expect(
      within(agent)
        .getAllByRole('button')
        .map((b) => b.textContent?.replace(/Alt\+R$/, '')),
    ).toEqual(['Not ready', 'Log out']);
    fireEvent.click(within(agent).getByRole('button', { name: 'Not ready' }));
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'setAgentState', lineId: 'ts/1101', state: 'notReady' }]));

    // A supervisor (or the phone) logs the agent out: the panel follows the PBX.
    act(() => api.pushPatch([{ op: 'set', collection: 'lines', id: 'ts/1101', value: agentLine({ state: 'loggedOff' }) }]));
    expect(within(agent).getByText('Agent: Logged out')).toBeTruthy();
    expect(
      within(agent)
        .getAllByRole('button')
        .map((b) => b.textContent?.replace(/Alt\+R$/, '')),
    ).toEqual(['Log in']);

    act(() =>
      api.pushPatch([{ op: 'set', collection: 'lines', id: 'ts/1101', value: agentLine({ state: 'busy', permittedStates: ['busy'] }) }]),
    );
    expect(within(agent).getByText('Agent: Busy on a call')).toBeTruthy();
    expect(within(agent).queryAllByRole('button')).toEqual([]);
  });

  it('the agent key (Alt+R) toggles ready and not ready, logs in when logged out, and never reaches a line whose PBX is offline', async () => {
    const { api } = renderConsole(consoleWith([], { lines: [agentLine({ state: 'ready' })] }));
    fireEvent.keyDown(window, { key: 'r', code: 'KeyR', altKey: true });
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'setAgentState', lineId: 'ts/1101', state: 'notReady' }]));
    act(() => api.pushPatch([{ op: 'set', collection: 'lines', id: 'ts/1101', value: agentLine({ state: 'loggedOff' }) }]));
    fireEvent.keyDown(window, { key: 'r', code: 'KeyR', altKey: true });
    await waitFor(() => expect(api.commands[1]).toEqual({ kind: 'setAgentState', lineId: 'ts/1101', state: 'loggedOn' }));
    expect(screen.getByRole('button', { name: 'Log in' }).getAttribute('aria-keyshortcuts')).toBe('Alt+KeyR');

    act(() => api.pushPatch([{ op: 'set', collection: 'connections', id: 'ts', value: connection({ state: 'offline' }) }]));
    expect(screen.getByText('Agent state unknown while the PBX is offline')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Log in' })).toBeNull();
    fireEvent.keyDown(window, { key: 'r', code: 'KeyR', altKey: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(api.commands).toHaveLength(2);
  });

  const withStatistics = () =>
    consoleWith([], {
      lines: [
        agentLine({
          statistics: {
            since: '2009-11-09T11:13:23',
            offered: 7,
            answered: 5,
            abandoned: 2,
            averageWaitSeconds: 12,
            longestWaitSeconds: 40,
          },
        }),
      ],
    });

  it('shows the PBX’s statistics for the agent', () => {
    renderConsole(withStatistics());
    const table = screen.getByRole('table', { name: 'PBX statistics for this agent' });
    // The PBX's own date and time, as the window's language writes dates (never shifted by a time zone).
    expect(within(table).getByRole('columnheader', { name: /^since Nov 9, 2009 11:13\sAM$/ })).toBeTruthy();
    expect(within(table).getByRole('row', { name: /Offered 7/ })).toBeTruthy();
    expect(within(table).getByRole('row', { name: /Abandoned 2/ })).toBeTruthy();
    expect(within(table).getByRole('row', { name: /Longest wait 0:40/ })).toBeTruthy();
  });

  it('writes the statistics’ start date in the chosen language', () => {
    renderConsole(withStatistics(), { language: 'de' });
    const table = screen.getByRole('table', { name: 'Statistik der Telefonanlage für diesen Agenten' });
    expect(within(table).getByRole('columnheader', { name: 'seit 9. Nov. 2009 11:13' })).toBeTruthy();
  });

  it('a line that is no agent shows no agent controls', () => {
    renderConsole(consoleWith([], { lines: [agentLine({ state: 'null' })] }));
    expect(screen.queryByRole('group', { name: 'Agent' })).toBeNull();
  });
});

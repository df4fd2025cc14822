// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeState, BridgeStatusSource } from '../bridge/bridge-status';
import { call, connection, consoleWith, FIXTURE_NOW } from '../../../app/testing/fixtures';
import { renderConsole } from '../testing/render-console';

afterEach(cleanup);

/** A bridge whose state the test switches. */
function switchableBridge(initial: BridgeState) {
  let state = initial;
  const listeners = new Set<(next: BridgeState) => void>();
  const source: BridgeStatusSource = {
    getState: () => state,
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const set = (next: BridgeState) => {
    state = next;
    listeners.forEach((listener) => listener(next));
  };
  return { source, set };
}

const connectionItem = (label: string) =>
  within(screen.getByRole('list', { name: 'PBX connections' })).getByRole('listitem', { name: label });

describe('connection bar', () => {
  it('renders each connection state as text, with its detail sentence; the retry countdown ticks', async () => {
    const { advanceTime } = renderConsole(
      consoleWith([], {
        connections: [
          connection({ id: 'a', label: 'A Connecting', state: 'connecting' }),
          connection({ id: 'b', label: 'B Online', state: 'online' }),
          connection({ id: 'c', label: 'C Link', state: 'pbx-link-down', detail: { key: 'link.pbxLinkLost' } }),
          connection({
            id: 'd',
            label: 'D Offline',
            state: 'offline',
            retryAt: FIXTURE_NOW + 4_500,
            detail: { key: 'transport.refused', params: { server: 'TelServer 10.0.0.5:4000' } },
          }),
        ],
      }),
    );
    expect(connectionItem('A Connecting').textContent).toContain('Connecting…');
    expect(connectionItem('B Online').textContent).toContain('Online');
    expect(connectionItem('C Link').textContent).toContain('PBX link down');
    expect(connectionItem('C Link').textContent).toContain('The server has lost its link to the telephone system.');
    expect(connectionItem('D Offline').textContent).toContain('Offline — retrying in 5 s');
    expect(connectionItem('D Offline').textContent).toContain('TelServer 10.0.0.5:4000 refused the connection');
    await advanceTime(1_000);
    expect(connectionItem('D Offline').textContent).toContain('Offline — retrying in 4 s');
  });

  it('offers Reconnect now only when offline, and sends it', async () => {
    const { api } = renderConsole(
      consoleWith([], {
        connections: [
          connection({ state: 'offline', since: FIXTURE_NOW }),
          connection({ id: 'pbx', label: 'innovaphone', state: 'online' }),
        ],
      }),
    );
    expect(within(connectionItem('innovaphone')).queryByRole('button')).toBeNull();
    fireEvent.click(within(connectionItem('TelServer')).getByRole('button', { name: 'Reconnect now' }));
    await waitFor(() => expect(api.reconnects).toEqual(['ts']));
  });

  it('shows the console service link separately from the PBX connections', () => {
    const bridge = switchableBridge('connected');
    renderConsole(consoleWith(), { bridge: bridge.source });
    expect(screen.getByText('Console service connected')).toBeTruthy();

    act(() => bridge.set('reconnecting'));
    expect(screen.getByRole('alert').textContent).toBe('Console service unreachable — reconnecting');
    // Cut off from the console service, the window cannot know any connection's state: none claims "Online".
    expect(connectionItem('TelServer').textContent).not.toContain('Online');
    expect(connectionItem('TelServer').textContent).toContain('State unknown (console service lost)');
    act(() => bridge.set('connected'));
    expect(connectionItem('TelServer').textContent).toContain('Online');
  });

  it('while the console service is lost, every call is unknown: greyed, no actions, out of the banner', () => {
    const bridge = switchableBridge('connected');
    renderConsole(consoleWith([call()]), { bridge: bridge.source });
    const row = () => screen.getByRole('listitem', { name: /Anna Berg/ });
    expect(within(row()).getByRole('button', { name: 'Answer' })).toBeTruthy();
    act(() => bridge.set('reconnecting'));
    expect(row().textContent).toContain('Console service lost — state unknown');
    expect(within(row()).queryAllByRole('button')).toEqual([]);
    expect(document.querySelector('[aria-live="assertive"]')?.textContent).toBe('');
  });
});

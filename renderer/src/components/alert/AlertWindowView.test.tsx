// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alwaysConnected } from '../../bridge/bridge-status';
import { StoreProvider } from '../../store/context';
import { immediately } from '../../store/console-slice';
import { startSession } from '../../store/session';
import { createAttendantStore } from '../../store/store';
import { FakeAttendant } from '../../testing/fake-attendant';
import { call, connection, consoleWith } from '../../../../app/testing/fixtures';
import { AlertWindowView } from './AlertWindowView';

afterEach(cleanup);

function renderAlert(callId: string) {
  const api = new FakeAttendant();
  const store = createAttendantStore(api);
  store.getState().applyPatchesBy(immediately);
  startSession(store, api, alwaysConnected);
  render(
    <StoreProvider store={store}>
      <AlertWindowView callId={callId} />
    </StoreProvider>,
  );
  return { api, store };
}

describe('the alert window page', () => {
  it('shows the ringing caller; Answer answers that call, Show asks the app to show it', async () => {
    const { api } = renderAlert('ts/1101#1');
    act(() => api.pushSnapshot(consoleWith([call({ actions: ['answer', 'divert'] })])));
    expect(screen.getByText('Anna Berg is calling')).toBeTruthy();
    expect(screen.getByText(/Berg OÜ/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Answer' })));
    expect(api.commands).toEqual([{ kind: 'answer', callId: 'ts/1101#1' }]);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Show' })));
    expect(api.shownCalls).toEqual(['ts/1101#1']);
  });

  it('a call the console cannot answer has no Answer button and says to answer on the phone', () => {
    const { api } = renderAlert('ts/1101#1');
    act(() => api.pushSnapshot(consoleWith([call({ actions: [] })])));
    expect(screen.queryByRole('button', { name: 'Answer' })).toBeNull();
    expect(screen.getByText('Answer on your phone')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show' })).toBeTruthy();
  });

  it("offers no Answer while the call's connection is not online (the call is unknown)", () => {
    const { api } = renderAlert('ts/1101#1');
    act(() => api.pushSnapshot(consoleWith([call({ actions: ['answer'] })])));
    expect(screen.getByRole('button', { name: 'Answer' })).toBeTruthy();
    act(() => api.pushPatch([{ op: 'set', collection: 'connections', id: 'ts', value: connection({ state: 'connecting' }) }]));
    expect(screen.queryByRole('button', { name: 'Answer' })).toBeNull();
    expect(api.commands).toEqual([]);
  });

  it('shows nothing to act on before the call is known', () => {
    renderAlert('ts/1101#1');
    expect(screen.getByText('Incoming call')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

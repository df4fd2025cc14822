import { act, render } from '@testing-library/react';
import type { ConsoleState } from '../../../app/model';
import { App } from '../App';
import { alwaysConnected, type BridgeStatusSource } from '../bridge/bridge-status';
import { StoreProvider } from '../store/context';
import { startSession } from '../store/session';
import { createAttendantStore } from '../store/store';
import { FakeAttendant } from './fake-attendant';

/** The whole UI against a fake core, with an initial snapshot already applied. */
export function renderConsole(initial?: ConsoleState, bridge: BridgeStatusSource = alwaysConnected) {
  const api = new FakeAttendant();
  const store = createAttendantStore(api);
  const stopSession = startSession(store, api, bridge);
  const view = render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  if (initial) act(() => api.pushSnapshot(initial));
  return { api, store, stopSession, ...view };
}

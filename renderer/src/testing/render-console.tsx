import { act, render } from '@testing-library/react';
import type { ConsoleState } from '../../../app/model';
import { ManualClock } from '../../../app/testing/manual-clock';
import { App } from '../App';
import { alwaysConnected, type BridgeStatusSource } from '../bridge/bridge-status';
import { ClockProvider } from '../clock';
import { LanguageProvider } from '../i18n/language';
import type { Language } from '../../../app/i18n/languages';
import { StoreProvider } from '../store/context';
import { startSession } from '../store/session';
import { immediately } from '../store/console-slice';
import { createAttendantStore } from '../store/store';
import { ThemeProvider } from '../theme/theme';
import { FakeAttendant } from './fake-attendant';

// jsdom plays no media ("Not implemented"): the whole app's ring sound gets a silent stand-in.
HTMLMediaElement.prototype.play = () => Promise.resolve();
HTMLMediaElement.prototype.pause = () => {};

export interface RenderConsoleOptions {
  /** The console service link; default: always connected. */
  bridge?: BridgeStatusSource;
  /** The clock every duration on screen counts on; default: a new ManualClock at FIXTURE_NOW. */
  clock?: ManualClock;
  /** The UI's language; default: as the Settings and the (jsdom, English) browser say. */
  language?: Language;
}

/**
 * The whole UI against a fake core, with an initial snapshot already
 * applied. Time on screen stands still until the test moves it with
 * `advanceTime` (inside act, so React renders what the ticks changed).
 */
export function renderConsole(initial?: ConsoleState, options: RenderConsoleOptions = {}) {
  const api = new FakeAttendant();
  const clock = options.clock ?? new ManualClock();
  const store = createAttendantStore(api);
  // Tests read the page right after a patch: apply each at once, not at the next animation frame.
  store.getState().applyPatchesBy(immediately);
  const stopSession = startSession(store, api, options.bridge ?? alwaysConnected);
  const view = render(
    <ClockProvider clock={clock}>
      <StoreProvider store={store}>
        <ThemeProvider>
          <LanguageProvider language={options.language}>
            <App />
          </LanguageProvider>
        </ThemeProvider>
      </StoreProvider>
    </ClockProvider>,
  );
  if (initial) act(() => api.pushSnapshot(initial));
  const advanceTime = (ms: number) => act(() => clock.advance(ms));
  return { api, store, stopSession, clock, advanceTime, ...view };
}

// @vitest-environment jsdom
/**
 * The ring sound in the window: the <audio> element plays while a call rings
 * here and pauses as soon as none does, follows the Settings (mute, volume,
 * do-not-disturb), and asks once for a click when the browser refuses to play.
 * jsdom plays no media: play/pause/paused are replaced by a fake that keeps
 * each element's playing state (and can refuse like Chromium's autoplay policy).
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Call, ConsoleState } from '../../../app/model';
import { DEFAULT_PREFERENCES, type DesktopPreferences } from '../../../app/preferences';
import { call, connection, consoleWith } from '../../../app/testing/fixtures';
import { alwaysConnected } from '../bridge/bridge-status';
import { LanguageProvider } from '../i18n/language';
import { StoreProvider } from '../store/context';
import { startSession } from '../store/session';
import { createAttendantStore } from '../store/store';
import { FakeAttendant } from '../testing/fake-attendant';
import { RingSound } from './RingSound';

const playing = new WeakSet<HTMLMediaElement>();
/** When set, play() rejects as Chromium does before a user gesture. */
let refusePlay = false;
/** How many times play() was called. */
let plays = 0;

beforeEach(() => {
  refusePlay = false;
  plays = 0;
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    plays++;
    if (refusePlay) return Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError'));
    playing.add(this);
    return Promise.resolve();
  });
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(function (this: HTMLMediaElement) {
    playing.delete(this);
  });
  vi.spyOn(HTMLMediaElement.prototype, 'paused', 'get').mockImplementation(function (this: HTMLMediaElement) {
    return !playing.has(this);
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Lets play() promises and the settings load settle, inside act so React renders what they changed. */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

async function renderRingSound(state: ConsoleState, preferences: Partial<DesktopPreferences> = {}) {
  const api = new FakeAttendant();
  api.settings = { ...api.settings, preferences: { ...structuredClone(DEFAULT_PREFERENCES), ...preferences } };
  const store = createAttendantStore(api);
  const stopSession = startSession(store, api, alwaysConnected);
  const view = render(
    <StoreProvider store={store}>
      <LanguageProvider language="en">
        <RingSound />
      </LanguageProvider>
    </StoreProvider>,
  );
  act(() => api.pushSnapshot(state));
  await settle();
  const audio = view.container.querySelector('audio');
  if (!audio) throw new Error('no <audio> element');
  const push = async (next: ConsoleState) => {
    act(() => api.pushSnapshot(next));
    await settle();
  };
  const savePreferences = async (next: Partial<DesktopPreferences>) => {
    await act(() => store.getState().savePreferences({ defaultCountry: 'EE', preferences: { ...api.settings.preferences, ...next } }));
    await settle();
  };
  return { api, store, audio, push, savePreferences, stopSession, ...view };
}

const ringing = consoleWith([call()]);
const answered = consoleWith([call({ state: 'connected', actions: ['hangup', 'hold'] })]);
const allowButton = () => screen.queryByRole('button', { name: 'Allow the ring sound' });

describe('the ring sound', () => {
  it('plays the ring asset, looping, while a call rings, and stops and rewinds when it is answered', async () => {
    const { audio, push } = await renderRingSound(ringing);
    expect(audio.paused).toBe(false);
    expect(audio.loop).toBe(true);
    expect(audio.getAttribute('src')).toMatch(/ring.*\.wav$/);
    expect(audio.volume).toBe(0.7);

    await push(answered);
    expect(audio.paused).toBe(true);
    expect(audio.currentTime).toBe(0);
  });

  it.each<[string, Call[] | ConsoleState]>([
    ['hung up', []],
    ['diverted away', consoleWith([])],
    ['unknown, its connection offline', consoleWith([call()], { connections: [connection({ state: 'offline' })] })],
  ])('stops when the call is %s', async (_name, next) => {
    const { audio, push } = await renderRingSound(ringing);
    expect(audio.paused).toBe(false);
    await push(Array.isArray(next) ? consoleWith(next) : next);
    expect(audio.paused).toBe(true);
  });

  it('keeps ringing while another call still rings', async () => {
    const { audio, push } = await renderRingSound(consoleWith([call(), call({ id: 'ts/1101#2' })]));
    await push(consoleWith([call({ state: 'connected' }), call({ id: 'ts/1101#2' })]));
    expect(audio.paused).toBe(false);
  });

  it('is silent with nothing ringing', async () => {
    const { audio } = await renderRingSound(answered);
    expect(audio.paused).toBe(true);
    expect(plays).toBe(0);
  });

  it.each<[string, Partial<DesktopPreferences>]>([
    ['muted', { sound: { muted: true, volume: 70 } }],
    ['at volume 0', { sound: { muted: false, volume: 0 } }],
    ['under do-not-disturb', { alerts: { ...DEFAULT_PREFERENCES.alerts, doNotDisturb: true } }],
  ])('is silent %s', async (_name, preferences) => {
    const { audio } = await renderRingSound(ringing, preferences);
    expect(audio.paused).toBe(true);
    expect(plays).toBe(0);
  });

  it('follows saved preferences while ringing: the new volume, then silence when muted', async () => {
    const { audio, savePreferences } = await renderRingSound(ringing);
    await savePreferences({ sound: { muted: false, volume: 25 } });
    expect(audio.volume).toBe(0.25);
    expect(audio.paused).toBe(false);
    await savePreferences({ sound: { muted: true, volume: 25 } });
    expect(audio.paused).toBe(true);
    await savePreferences({ alerts: { ...DEFAULT_PREFERENCES.alerts, doNotDisturb: true }, sound: { muted: false, volume: 25 } });
    expect(audio.paused).toBe(true);
  });

  it('waits for the preferences before ringing (do-not-disturb may be on)', async () => {
    const api = new FakeAttendant();
    let release = () => {};
    const loaded = new Promise<void>((resolve) => (release = resolve));
    const getSettings = api.getSettings.bind(api);
    api.getSettings = () => loaded.then(getSettings);
    const store = createAttendantStore(api);
    startSession(store, api, alwaysConnected);
    const { container } = render(
      <StoreProvider store={store}>
        <RingSound />
      </StoreProvider>,
    );
    act(() => api.pushSnapshot(ringing));
    await settle();
    const audio = container.querySelector('audio');
    expect(audio?.paused).toBe(true);
    release();
    await settle();
    expect(audio?.paused).toBe(false);
  });

  it('asks once for a click when the browser refuses to play, and rings as soon as it is given', async () => {
    refusePlay = true;
    const { audio } = await renderRingSound(ringing);
    expect(audio.paused).toBe(true);
    const button = allowButton();
    expect(button).not.toBeNull();
    expect(screen.getByRole('status').textContent).toContain('The browser holds back the ring sound until you allow it once.');

    refusePlay = false;
    fireEvent.click(button!);
    await settle();
    expect(audio.paused).toBe(false);
    expect(allowButton()).toBeNull();
  });

  it('never asks twice in a page', async () => {
    refusePlay = true;
    const { audio, push } = await renderRingSound(ringing);
    fireEvent.click(allowButton()!);
    await settle();
    expect(allowButton()).toBeNull();

    // Refused again after it was allowed (should not happen in Chromium): still no second prompt.
    await push(answered);
    await push(ringing);
    expect(audio.paused).toBe(true);
    expect(allowButton()).toBeNull();
  });

  it('does not ask when the browser lets it play', async () => {
    await renderRingSound(ringing);
    expect(allowButton()).toBeNull();
  });

  it('stops when the component goes away', async () => {
    const { audio, unmount } = await renderRingSound(ringing);
    unmount();
    expect(audio.paused).toBe(true);
  });
});

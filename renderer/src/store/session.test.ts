import { describe, expect, it } from 'vitest';
import { alwaysConnected } from '../bridge/bridge-status';
import { call, consoleWith } from '../../../app/testing/fixtures';
import { FakeAttendant } from '../testing/fake-attendant';
import { startSession } from './session';
import { immediately } from './console-slice';
import { createAttendantStore } from './store';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function session() {
  const api = new FakeAttendant();
  const store = createAttendantStore(api);
  store.getState().applyPatchesBy(immediately);
  const stop = startSession(store, api, alwaysConnected);
  return { api, store, stop };
}

const setCall = (id: string) => ({ op: 'set' as const, collection: 'calls' as const, id, value: call({ id }) });

describe('state subscription', () => {
  it('applies a snapshot, then patches in seq order', () => {
    const { api, store } = session();
    api.pushSnapshot(consoleWith(), 10);
    api.pushPatch([setCall('a')], 11);
    api.pushPatch([setCall('b')], 12);
    expect(Object.keys(store.getState().console.calls)).toEqual(['a', 'b']);
    expect(store.getState().seq).toBe(12);
  });

  it('ignores patches before the first snapshot and stale or duplicate patches', () => {
    const { api, store } = session();
    api.pushPatch([setCall('early')], 1);
    api.pushSnapshot(consoleWith(), 5);
    api.pushPatch([setCall('a')], 6);
    api.pushPatch([setCall('stale')], 4);
    api.pushPatch([setCall('duplicate')], 6);
    expect(Object.keys(store.getState().console.calls)).toEqual(['a']);
    expect(api.subscriptions).toBe(1);
  });

  it('resubscribes once on a gap and drops patches until the fresh snapshot', async () => {
    const { api, store } = session();
    api.pushSnapshot(consoleWith(), 1);
    api.pushPatch([setCall('skipped-ahead')], 3);
    api.pushPatch([setCall('also-ahead')], 4);
    await settle();

    expect(api.subscriptions).toBe(2);
    expect(api.subscriberCount).toBe(1);
    expect(store.getState().console.calls).toEqual({});

    api.pushSnapshot(consoleWith([call({ id: 'fresh' })]), 4);
    api.pushPatch([setCall('next')], 5);
    expect(Object.keys(store.getState().console.calls).sort()).toEqual(['fresh', 'next']);
  });

  it('stops listening when stopped', () => {
    const { api, stop } = session();
    stop();
    expect(api.subscriberCount).toBe(0);
  });

  it('reads the settings again when the desktop app says they changed elsewhere (the tray)', async () => {
    const { api, store } = session();
    await settle();
    expect(store.getState().settings?.preferences.alerts.doNotDisturb).toBe(false);
    api.settings.preferences.alerts.doNotDisturb = true;
    api.pushSettingsChanged();
    await settle();
    expect(store.getState().settings?.preferences.alerts.doNotDisturb).toBe(true);
  });
});

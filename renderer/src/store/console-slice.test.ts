import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, consoleWith } from '../../../app/testing/fixtures';
import { msg } from '../../../app/i18n/message';
import { applyChanges, type StateChange } from '../../../app/reducer';
import { alwaysConnected } from '../bridge/bridge-status';
import { FakeAttendant } from '../testing/fake-attendant';
import { immediately } from './console-slice';
import { SEARCH_DEBOUNCE_MS } from './directory-slice';
import { startSession } from './session';
import { createAttendantStore } from './store';

/** Animation frames that come only when the test says: the page's frame clock, by hand. */
class ManualFrames {
  private callbacks = new Map<number, FrameRequestCallback>();
  private next = 0;
  request = (callback: FrameRequestCallback) => {
    this.callbacks.set(++this.next, callback);
    return this.next;
  };
  cancel = (id: number) => this.callbacks.delete(id);
  get waiting() {
    return this.callbacks.size;
  }
  paint() {
    const due = [...this.callbacks.values()];
    this.callbacks.clear();
    for (const callback of due) callback(0);
  }
}

let frames: ManualFrames;

beforeEach(() => {
  frames = new ManualFrames();
  vi.stubGlobal('requestAnimationFrame', frames.request);
  vi.stubGlobal('cancelAnimationFrame', frames.cancel);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function session() {
  const api = new FakeAttendant();
  const store = createAttendantStore(api);
  startSession(store, api, alwaysConnected);
  /** Every store update that changed the console state. */
  let consoleUpdates = 0;
  store.subscribe((state, previous) => {
    if (state.console !== previous.console) consoleUpdates++;
  });
  return { api, store, consoleUpdates: () => consoleUpdates };
}

const setCall = (id: string, state: 'ringing' | 'connected' | 'held' = 'ringing'): StateChange => ({
  op: 'set',
  collection: 'calls',
  id,
  value: call({ id, state }),
});
const removeCall = (id: string): StateChange => ({ op: 'delete', collection: 'calls', id });

describe('patches applied once per animation frame', () => {
  it('applies every patch of one frame in one store update, with the same result as one by one', () => {
    const { api, store, consoleUpdates } = session();
    const initial = consoleWith([call({ id: 'old' })]);
    api.pushSnapshot(initial, 1);
    const updatesAfterSnapshot = consoleUpdates();
    const patches = [[setCall('a')], [setCall('b'), setCall('a', 'connected')], [removeCall('old'), setCall('b', 'held')]];
    patches.forEach((changes, i) => api.pushPatch(changes, 2 + i));

    // Nothing applied before the frame: the screen could not have shown it anyway.
    expect(store.getState().console).toBe(initial);
    expect(frames.waiting).toBe(1);
    frames.paint();

    expect(consoleUpdates() - updatesAfterSnapshot).toBe(1);
    const oneByOne = patches.reduce((state, changes) => applyChanges(state, changes), initial);
    expect(store.getState().console).toEqual(oneByOne);
    expect(store.getState().seq).toBe(4);
    // The next patch asks for the next frame.
    api.pushPatch([setCall('c')], 5);
    expect(frames.waiting).toBe(1);
    frames.paint();
    expect(Object.keys(store.getState().console.calls).sort()).toEqual(['a', 'b', 'c']);
  });

  it('a snapshot in between replaces the patches queued before it', () => {
    const { api, store } = session();
    api.pushSnapshot(consoleWith(), 1);
    api.pushPatch([setCall('before-snapshot')], 2);
    api.pushSnapshot(consoleWith([call({ id: 'fresh' })]), 7);
    api.pushPatch([setCall('after-snapshot')], 8);
    frames.paint();
    expect(Object.keys(store.getState().console.calls).sort()).toEqual(['after-snapshot', 'fresh']);
    expect(store.getState().seq).toBe(8);
  });

  it('checks seq as patches arrive: stale and duplicate ones are ignored, a gap resubscribes once', async () => {
    const { api, store } = session();
    api.pushSnapshot(consoleWith(), 1);
    api.pushPatch([setCall('a')], 2);
    api.pushPatch([setCall('duplicate')], 2);
    api.pushPatch([setCall('stale')], 1);
    api.pushPatch([setCall('skipped-ahead')], 4);
    api.pushPatch([setCall('also-ahead')], 5);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(api.subscriptions).toBe(2);
    // What came before the gap is shown until the fresh snapshot replaces it.
    expect(Object.keys(store.getState().console.calls)).toEqual(['a']);
    expect(store.getState().seq).toBeNull();

    api.pushSnapshot(consoleWith([call({ id: 'fresh' })]), 5);
    api.pushPatch([setCall('next')], 6);
    frames.paint();
    expect(Object.keys(store.getState().console.calls).sort()).toEqual(['fresh', 'next']);
    expect(api.subscriptions).toBe(2);
  });

  it('a page that gets no frames (hidden) still applies the patches, by a timer', () => {
    vi.useFakeTimers();
    const { api, store } = session();
    api.pushSnapshot(consoleWith(), 1);
    api.pushPatch([setCall('a')], 2);
    vi.advanceTimersByTime(99);
    expect(store.getState().console.calls).toEqual({});
    vi.advanceTimersByTime(1);
    expect(Object.keys(store.getState().console.calls)).toEqual(['a']);
    // The frame that comes later finds nothing to do.
    expect(frames.waiting).toBe(0);
  });

  it('a hidden page applies them in its next task, without waiting for frames or throttled timers', async () => {
    vi.stubGlobal('document', { visibilityState: 'hidden' });
    const { api, store, consoleUpdates } = session();
    api.pushSnapshot(consoleWith(), 1);
    const before = consoleUpdates();
    api.pushPatch([setCall('a')], 2);
    api.pushPatch([setCall('b')], 3);
    expect(store.getState().console.calls).toEqual({});
    await vi.waitFor(() => expect(Object.keys(store.getState().console.calls)).toEqual(['a', 'b']), { timeout: 50, interval: 1 });
    expect(consoleUpdates() - before).toBe(1);
    expect(frames.waiting).toBe(0);
  });

  it('flushStateMessages applies what is queued at once; `immediately` applies each patch as it comes', () => {
    const { api, store, consoleUpdates } = session();
    api.pushSnapshot(consoleWith(), 1);
    api.pushPatch([setCall('a')], 2);
    store.getState().flushStateMessages();
    expect(Object.keys(store.getState().console.calls)).toEqual(['a']);
    expect(frames.waiting).toBe(0);

    store.getState().applyPatchesBy(immediately);
    const before = consoleUpdates();
    api.pushPatch([setCall('b')], 3);
    expect(Object.keys(store.getState().console.calls)).toEqual(['a', 'b']);
    api.pushPatch([setCall('c')], 4);
    expect(consoleUpdates() - before).toBe(2);
    expect(frames.waiting).toBe(0);
  });
});

describe('a directory search that failed', () => {
  it('says what failed when the finder is asked for its pick, never "no match"', async () => {
    const { api, store } = session();
    const failure = { source: 'Head office', error: msg('request.tooMany', { limit: 64 }) };
    api.answerSearch = (query) => (query.scope === 'all' ? { entries: [], vendorsPending: false, failures: [failure] } : []);
    store.getState().setDirectoryQuery('Anna');
    expect(await store.getState().runFinderIntent({ kind: 'dial' })).toBe(false);
    expect(store.getState().notices[0]?.text).toEqual(msg('directory.vendorFailed', { source: 'Head office', reason: failure.error }));

    api.answerSearch = (query) => (query.scope === 'all' ? Promise.reject(new Error('bridge closed')) : []);
    store.getState().setDirectoryQuery('Berit');
    expect(await store.getState().runFinderIntent({ kind: 'dial' })).toBe(false);
    expect(store.getState().notices[0]?.text).toEqual(
      msg('directory.searchFailed', { reason: msg('error.unexpected', { detail: 'bridge closed' }) }),
    );
    expect(api.commands).toEqual([]);
  });

  it('stays failed when the local answer of the same query comes after the failure', async () => {
    vi.useFakeTimers();
    const { api, store } = session();
    let answerLocal: (entries: never[]) => void = () => {};
    api.answerSearch = (query) =>
      query.scope === 'local' ? new Promise<never[]>((resolve) => (answerLocal = resolve)) : Promise.reject(new Error('queue full'));
    store.getState().setDirectoryQuery('ann');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(store.getState().directory.error).toEqual(
      msg('directory.searchFailed', { reason: msg('error.unexpected', { detail: 'queue full' }) }),
    );
    answerLocal([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().directory).toMatchObject({
      error: msg('directory.searchFailed', { reason: msg('error.unexpected', { detail: 'queue full' }) }),
      loading: false,
    });
  });
});

import { describe, expect, it, vi } from 'vitest';
import { FakeAttendant } from '../testing/fake-attendant';
import { createAttendantStore } from './store';

describe('the finder highlight', () => {
  it('wakes no subscriber when it is set to what it already is (each keystroke sets it to the first row)', () => {
    const store = createAttendantStore(new FakeAttendant());
    const listener = vi.fn();
    store.subscribe(listener);
    store.getState().pickFinderChoice(null);
    expect(listener).not.toHaveBeenCalled();
    store.getState().pickFinderChoice('typed\u0000110');
    expect(store.getState().finderPicked).toBe('typed\u0000110');
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

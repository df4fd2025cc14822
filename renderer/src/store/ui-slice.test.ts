import { describe, expect, it, vi } from 'vitest';
import { FakeAttendant } from '../testing/fake-attendant';
import { createAttendantStore } from './store';

describe('the finder highlight', () => {
  it('wakes no subscriber when it is set to what it already is (each keystroke sets it to 0)', () => {
    const store = createAttendantStore(new FakeAttendant());
    const listener = vi.fn();
    store.subscribe(listener);
    store.getState().setFinderIndex(0);
    expect(listener).not.toHaveBeenCalled();
    store.getState().setFinderIndex(2);
    expect(store.getState().finderIndex).toBe(2);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

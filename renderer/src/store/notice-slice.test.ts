import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { msg } from '../../../app/i18n/message';
import { FakeAttendant } from '../testing/fake-attendant';
import { INFO_NOTICE_MS, MAX_NOTICES } from './notice-slice';
import { createAttendantStore } from './store';

describe('notices', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const store = () => createAttendantStore(new FakeAttendant());
  const keys = (s: ReturnType<typeof store>) => s.getState().notices.map((n) => (typeof n.text === 'string' ? n.text : n.text.key));

  it('an error stays until dismissed; information clears itself', () => {
    const s = store();
    s.getState().addNotice(msg('notice.noLine'));
    s.getState().addNotice(msg('notice.callEnded'), 'info');
    expect(keys(s)).toEqual(['notice.callEnded', 'notice.noLine']);
    vi.advanceTimersByTime(INFO_NOTICE_MS);
    expect(keys(s)).toEqual(['notice.noLine']);
    vi.advanceTimersByTime(60 * 60_000);
    expect(keys(s)).toEqual(['notice.noLine']);
    s.getState().dismissNotice(s.getState().notices[0].id);
    expect(s.getState().notices).toEqual([]);
  });

  it('never more than three, newest first', () => {
    const s = store();
    for (const query of ['a', 'b', 'c', 'd', 'e']) s.getState().addNotice(msg('notice.noDirectoryMatch', { query }));
    expect(s.getState().notices).toHaveLength(MAX_NOTICES);
    expect(s.getState().notices.map((n) => (typeof n.text === 'string' ? n.text : n.text.params?.query))).toEqual(['e', 'd', 'c']);
  });
});

import { describe, expect, it } from 'vitest';
import { formatDuration, formatTimeOfDay, formatWallClock } from './time';

// Local times, so the test reads the same in every time zone.
const now = new Date(2024, 2, 5, 16, 0).getTime();
const today = new Date(2024, 2, 5, 14, 5).getTime();
const earlier = new Date(2024, 2, 3, 14, 5).getTime();

describe('times on screen', () => {
  it('writes the time of day as the window language does', () => {
    expect(formatTimeOfDay(today, now, 'de')).toBe('14:05');
    expect(formatTimeOfDay(today, now, 'ru')).toBe('14:05');
    expect(formatTimeOfDay(today, now, 'en')).toMatch(/^02:05\sPM$/);
  });

  it('adds the day and month for earlier days, in the window language', () => {
    expect(formatTimeOfDay(earlier, now, 'de')).toBe('3. März 14:05');
    expect(formatTimeOfDay(earlier, now, 'en')).toMatch(/^Mar 3 02:05\sPM$/);
    expect(formatTimeOfDay(earlier, now, 'et')).toMatch(/^3\. märts 14:05$/);
  });

  it("writes a PBX's local date and time as the window language does, unshifted by the time zone", () => {
    expect(formatWallClock('2009-11-09T11:13:23', 'de')).toBe('9. Nov. 2009 11:13');
    expect(formatWallClock('2009-11-09T11:13:23', 'en')).toMatch(/^Nov 9, 2009 11:13\sAM$/);
    expect(formatWallClock('2009-11-09 23:59', 'ru')).toBe('9 нояб. 2009 г. 23:59');
    // What it cannot read it shows as given.
    expect(formatWallClock('gestern', 'de')).toBe('gestern');
  });

  it('keeps durations as m:ss and h:mm:ss in every language', () => {
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(765)).toBe('12:45');
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});

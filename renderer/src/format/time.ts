import type { Language } from '../../../app/i18n/languages';

/** "0:07", "12:45", "1:02:03": the same in every language. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** One time and one date formatter per language: a history of hundreds of rows builds none of its own. */
const formatters = new Map<Language, { time: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();

function formattersFor(language: Language) {
  let found = formatters.get(language);
  if (!found) {
    found = {
      time: new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }),
      date: new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short' }),
    };
    formatters.set(language, found);
  }
  return found;
}

/** "14:05" for today, "3 Mar 14:05" (as the window's language writes them) for earlier days: history rows stay short. */
export function formatTimeOfDay(at: number, now: number, language: Language): string {
  const date = new Date(at);
  const { time: timeFormat, date: dateFormat } = formattersFor(language);
  const time = timeFormat.format(date);
  if (date.toDateString() === new Date(now).toDateString()) return time;
  return `${dateFormat.format(date)} ${time}`;
}

/** Wall-clock formatters (in UTC, so the PBX's own date and time are shown as it wrote them, never shifted by a zone). */
const wallClockFormatters = new Map<Language, { time: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();

const WALL_CLOCK = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d))?$/;

/**
 * "Nov 9, 2009 11:13 AM", "9. Nov. 2009 11:13": a PBX's local date and time
 * ("2009-11-09T11:13:23", no zone) as the window's language writes dates.
 * Anything else is shown as given, its 'T' a space.
 */
export function formatWallClock(text: string, language: Language): string {
  const match = WALL_CLOCK.exec(text);
  if (!match) return text.replace('T', ' ');
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (Number.isNaN(at.getTime())) return text.replace('T', ' ');
  let found = wallClockFormatters.get(language);
  if (!found) {
    found = {
      time: new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }),
      date: new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
    };
    wallClockFormatters.set(language, found);
  }
  return `${found.date.format(at)} ${found.time.format(at)}`;
}

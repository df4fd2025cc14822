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

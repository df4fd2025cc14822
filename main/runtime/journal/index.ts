/**
 * The runtime's journal: the SQLite store in the settings folder, purged to
 * the retention period set in Settings (on open, when the period changes, and
 * every few hours while running).
 */
import path from 'node:path';
import type { Clock } from '../../../app/clock';
import type { Logger } from '../../core/log';
import type { PreferencesFile } from '../preferences';
import { JournalDb } from './journal-db';

export { JournalDb } from './journal-db';

/** The journal's file in the settings folder. */
export const JOURNAL_FILE = 'journal.sqlite';
/** How often a running console purges calls past the retention period. */
export const PURGE_INTERVAL_MS = 6 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RuntimeJournal {
  store: JournalDb;
  /** Where it is kept (':memory:' when the file could not be opened). */
  file: string;
  close(): void;
}

/**
 * Opens (or creates) the journal in `dir`. A file that cannot be opened
 * (unreadable, corrupt, written by a newer version) is left untouched and
 * the console keeps this session's calls in memory, saying so in the log.
 */
export function openJournal(dir: string, preferences: PreferencesFile, clock: Clock, log: Logger): RuntimeJournal {
  const wanted = path.join(dir, JOURNAL_FILE);
  let store: JournalDb;
  let file = wanted;
  try {
    store = new JournalDb(wanted);
  } catch (error) {
    log.error('cannot open the journal; keeping this session in memory only', { file: wanted, error: String(error) });
    store = new JournalDb(':memory:');
    file = ':memory:';
  }
  const purge = () => {
    try {
      const removed = store.purge(clock.now() - preferences.get().journalRetentionDays * DAY_MS);
      if (removed > 0) log.info('journal purged', { removed });
    } catch (error) {
      log.warn('journal purge failed', { error: String(error) });
    }
  };
  purge();
  const stopListening = preferences.onChange(purge);
  const timer = setInterval(purge, PURGE_INTERVAL_MS);
  timer.unref();
  return {
    store,
    file,
    close() {
      clearInterval(timer);
      stopListening();
      store.close();
    },
  };
}

/**
 * The journal view's data: one page of the journal as the core's store
 * answers the current query (search, missed, today, line), today's figures,
 * and the notes typed on running calls. The page is re-read when a call
 * ends (the state's recent-calls feed changes) and after every change the
 * receptionist makes; only the answer to the latest read is kept.
 */
import type { AttendantApi } from '../../../app/contract';
import type { Message } from '../../../app/i18n/message';
import {
  JOURNAL_PAGE_LIMIT,
  type JournalExport,
  type JournalFigures,
  type JournalFilter,
  type JournalPage,
  type JournalQuery,
} from '../../../app/journal';
import type { JournalEntry } from '../../../app/model';
import { messageOfError } from '../bridge/bridge-error';
import type { SliceCreator } from './types';

/** How long typing in the journal's search pauses before it searches. */
export const JOURNAL_SEARCH_DEBOUNCE_MS = 200;

/** Entries per page; "Show more" adds another page. */
export const JOURNAL_PAGE_SIZE = 50;

export interface JournalFilters {
  text: string;
  filter: JournalFilter;
  todayOnly: boolean;
  /** '' for every line. */
  lineId: string;
}

export interface JournalView {
  filters: JournalFilters;
  page: JournalPage | null;
  /** How many entries the view asks for (grows with "Show more"). */
  limit: number;
  figures: JournalFigures | null;
  error: Message | null;
}

export interface JournalSlice {
  journalView: JournalView;
  /** The note being typed on each running call, by call id. */
  callNotes: Record<string, string>;
  setJournalFilters: (patch: Partial<JournalFilters>) => void;
  refreshJournal: () => Promise<void>;
  showMoreJournal: () => void;
  markJournalDone: (entryIds: number[] | 'all') => Promise<boolean>;
  saveJournalNote: (entryId: number, note: string) => Promise<boolean>;
  setCallNoteText: (callId: string, note: string) => void;
  /** Saves the note typed on a running call; it lands on the call's entry when it ends. */
  saveCallNote: (callId: string) => Promise<boolean>;
  exportJournal: () => Promise<JournalExport | null>;
}

/** Midnight today in the receptionist's time zone. */
export function startOfToday(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

const DEFAULT_FILTERS: JournalFilters = { text: '', filter: 'all', todayOnly: false, lineId: '' };

export function createJournalSlice(api: AttendantApi): SliceCreator<JournalSlice> {
  return (set, get) => {
    let latestRead = 0;
    let searchTimer: ReturnType<typeof setTimeout> | null = null;

    function queryOf(view: JournalView): JournalQuery {
      const { filters } = view;
      return {
        ...(filters.text.trim() ? { text: filters.text.trim() } : {}),
        filter: filters.filter,
        ...(filters.lineId ? { lineId: filters.lineId } : {}),
        ...(filters.todayOnly ? { since: startOfToday(Date.now()) } : {}),
      };
    }

    /**
     * The first view.limit entries: in pages of at most JOURNAL_PAGE_LIMIT, the most one query returns (asking for
     * more in one made "Show more" stop at 200 calls). A call that ends between two pages' reads shifts the entries
     * by one: one read on both pages is shown once.
     */
    async function readEntries(view: JournalView): Promise<JournalPage> {
      const query = queryOf(view);
      const reads: Promise<JournalPage>[] = [];
      for (let offset = 0; offset < view.limit; offset += JOURNAL_PAGE_LIMIT)
        reads.push(api.queryJournal({ ...query, offset, limit: Math.min(JOURNAL_PAGE_LIMIT, view.limit - offset) }));
      const pages = await Promise.all(reads);
      if (pages.length === 1) return pages[0];
      const seen = new Set<number>();
      const entries: JournalEntry[] = [];
      for (const entry of pages.flatMap((page) => page.entries)) {
        if (entry.id !== undefined && seen.has(entry.id)) continue;
        if (entry.id !== undefined) seen.add(entry.id);
        entries.push(entry);
      }
      const last = pages[pages.length - 1];
      return { entries, total: last.total, missedOpen: last.missedOpen };
    }

    const patchView = (patch: Partial<JournalView>) => set((state) => ({ journalView: { ...state.journalView, ...patch } }));

    async function report(result: Promise<{ ok: true } | { ok: false; error: Message }>): Promise<boolean> {
      try {
        const outcome = await result;
        if (!outcome.ok) get().addNotice(outcome.error);
        return outcome.ok;
      } catch (error) {
        get().addNotice(messageOfError(error));
        return false;
      }
    }

    return {
      journalView: { filters: DEFAULT_FILTERS, page: null, limit: JOURNAL_PAGE_SIZE, figures: null, error: null },
      callNotes: {},

      setJournalFilters(patch) {
        set((state) => ({
          journalView: { ...state.journalView, filters: { ...state.journalView.filters, ...patch }, limit: JOURNAL_PAGE_SIZE },
        }));
        if (searchTimer !== null) clearTimeout(searchTimer);
        searchTimer = null;
        // Typing searches once it pauses (each search reads the whole journal); a filter button reads at once.
        if (patch.text === undefined) {
          void get().refreshJournal();
          return;
        }
        searchTimer = setTimeout(() => {
          searchTimer = null;
          void get().refreshJournal();
        }, JOURNAL_SEARCH_DEBOUNCE_MS);
      },

      async refreshJournal() {
        const read = ++latestRead;
        const view = get().journalView;
        try {
          const [page, figures] = await Promise.all([readEntries(view), api.journalFigures({ since: startOfToday(Date.now()) })]);
          if (read === latestRead) patchView({ page, figures, error: null });
        } catch (error) {
          if (read === latestRead) patchView({ error: messageOfError(error) });
        }
      },

      showMoreJournal() {
        patchView({ limit: get().journalView.limit + JOURNAL_PAGE_SIZE });
        void get().refreshJournal();
      },

      async markJournalDone(entryIds) {
        const ok = await report(api.markJournalDone(entryIds === 'all' ? { all: true } : { ids: entryIds }));
        await get().refreshJournal();
        return ok;
      },

      async saveJournalNote(entryId, note) {
        const ok = await report(api.setJournalNote({ entryId, note }));
        await get().refreshJournal();
        return ok;
      },

      setCallNoteText(callId, note) {
        set((state) => ({ callNotes: { ...state.callNotes, [callId]: note } }));
      },

      async saveCallNote(callId) {
        const note = get().callNotes[callId] ?? '';
        return report(api.setJournalNote({ callId, note }));
      },

      async exportJournal() {
        try {
          return await api.exportJournal(queryOf(get().journalView));
        } catch (error) {
          get().addNotice(messageOfError(error));
          return null;
        }
      },
    };
  };
}

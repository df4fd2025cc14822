/**
 * Directory search as you type: debounced, and only the answer to the
 * latest query is kept (a slow answer to an older query is discarded).
 */
import type { AttendantApi } from '../../../app/contract';
import { msg, type Message } from '../../../app/i18n/message';
import type { DirectoryEntry } from '../../../app/model';
import type { SliceCreator } from './types';

export const SEARCH_DEBOUNCE_MS = 150;
export const SEARCH_LIMIT = 20;

export interface DirectoryView {
  query: string;
  results: DirectoryEntry[];
  /** The query `results` answer; differs from `query` while a search is pending. */
  resultsFor: string;
  loading: boolean;
  /** Why the last search failed, in the window's language when shown. */
  error: Message | null;
}

export interface DirectorySlice {
  directory: DirectoryView;
  setDirectoryQuery: (text: string) => void;
  clearDirectory: () => void;
  /** Searches the current query now (skipping the debounce) and returns its results. */
  searchDirectoryNow: () => Promise<DirectoryEntry[]>;
}

const emptyDirectory: DirectoryView = { query: '', results: [], resultsFor: '', loading: false, error: null };

export function createDirectorySlice(api: AttendantApi): SliceCreator<DirectorySlice> {
  return (set, get) => {
    let debounceTimer: ReturnType<typeof setTimeout> | null = null;
    let latestRequest = 0;

    function cancelPendingSearch() {
      if (debounceTimer !== null) clearTimeout(debounceTimer);
      debounceTimer = null;
      latestRequest++;
    }

    async function search(text: string): Promise<DirectoryEntry[]> {
      const request = ++latestRequest;
      set((state) => ({ directory: { ...state.directory, loading: true, error: null } }));
      try {
        const results = await api.searchDirectory({ text: text.trim(), limit: SEARCH_LIMIT });
        if (request === latestRequest) {
          set((state) => ({ directory: { ...state.directory, results, resultsFor: text, loading: false } }));
        }
        return results;
      } catch (error) {
        if (request === latestRequest) {
          const message = msg('directory.searchFailed', { reason: (error as Error).message });
          set((state) => ({ directory: { ...state.directory, loading: false, error: message } }));
        }
        return [];
      }
    }

    return {
      directory: emptyDirectory,

      setDirectoryQuery(text) {
        cancelPendingSearch();
        if (!text.trim()) {
          set({ directory: { ...emptyDirectory, query: text } });
          return;
        }
        set((state) => ({ directory: { ...state.directory, query: text } }));
        debounceTimer = setTimeout(() => {
          debounceTimer = null;
          void search(text);
        }, SEARCH_DEBOUNCE_MS);
      },

      clearDirectory() {
        cancelPendingSearch();
        set({ directory: emptyDirectory });
      },

      searchDirectoryNow() {
        const { directory } = get();
        if (directory.resultsFor === directory.query && !directory.loading) return Promise.resolve(directory.results);
        cancelPendingSearch();
        return search(directory.query);
      },
    };
  };
}

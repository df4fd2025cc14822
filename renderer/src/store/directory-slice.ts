/**
 * Directory search as you type. Every keystroke asks the core's own
 * directory at once (scope 'local': answered from memory, well under a
 * millisecond); after a short pause the same query is asked with the PBXs'
 * searches merged in (scope 'all'), and that second answer replaces the
 * first. Only answers to the latest query are kept. A PBX search that failed
 * is shown with the results, never as "no matches".
 */
import { MAX_BRIDGE_FRAME_BYTES, type AttendantApi, type DirectoryFailure } from '../../../app/contract';
import { msg, type Message } from '../../../app/i18n/message';
import type { DirectoryEntry } from '../../../app/model';
import { IMPORT_BATCH, type Contact, type ContactInput, type ContactsReply, type SkippedRow } from '../../../app/directory/contact';
import { messageOfError } from '../bridge/bridge-error';
import type { SliceCreator } from './types';

/** The pause before the PBXs are asked (they are slower, and each keystroke would cost a round trip to the PBX). */
export const SEARCH_DEBOUNCE_MS = 150;
export const SEARCH_LIMIT = 20;
/** The JSON one import request may carry: the browser bridge's frame, less room for the request around the contacts. */
const IMPORT_REQUEST_BYTES = MAX_BRIDGE_FRAME_BYTES - 1024;

export interface DirectoryView {
  query: string;
  results: DirectoryEntry[];
  /** The query `results` answer; differs from `query` while a search is pending. */
  resultsFor: string;
  /** The PBXs' answer to the query is still to come. */
  loading: boolean;
  /** Why the last search failed as a whole (the console service unreachable), in the window's language when shown. */
  error: Message | null;
  /** The PBXs whose search failed for `resultsFor`: the results are the directory's own without them. */
  failures: DirectoryFailure[];
}

/** The local contacts as the contacts view shows them. */
export interface ContactsView {
  list: Contact[];
  loaded: boolean;
  /** Why they could not be read or the last change was refused. */
  error: Message | null;
}

export interface DirectorySlice {
  directory: DirectoryView;
  contacts: ContactsView;
  loadContacts: () => Promise<void>;
  /** Saves (adds, or replaces by id); the refusal's reason when not saved. */
  saveContact: (input: ContactInput) => Promise<Message | null>;
  deleteContact: (id: string) => Promise<Message | null>;
  /**
   * Sends previewed contacts as one import, in batches; what was added, and what the core skipped (by index into
   * `inputs`). On an error nothing of the import was kept. The list is read once, after the import was saved.
   */
  importContacts: (inputs: ContactInput[]) => Promise<{ added: number; skipped: SkippedRow[]; error: Message | null }>;
  setDirectoryQuery: (text: string) => void;
  clearDirectory: () => void;
  /** The current query's results: the local ones when there are, else the full answer now (skipping the pause). */
  searchDirectoryNow: () => Promise<DirectoryEntry[]>;
}

const emptyDirectory: DirectoryView = { query: '', results: [], resultsFor: '', loading: false, error: null, failures: [] };

/** What the slice asks the core. */
export type DirectoryApi = Pick<AttendantApi, 'searchDirectory' | 'listContacts' | 'saveContact' | 'deleteContact' | 'importContacts'>;

export function createDirectorySlice(api: DirectoryApi): SliceCreator<DirectorySlice> {
  return (set, get) => {
    let debounceTimer: ReturnType<typeof setTimeout> | null = null;
    /** Counts queries: an answer to an older one is dropped. */
    let generation = 0;
    /** The generation whose full ('all') answer has been shown: a late local answer must not replace it. */
    let fullShown = -1;

    function cancelPendingSearch() {
      if (debounceTimer !== null) clearTimeout(debounceTimer);
      debounceTimer = null;
      generation++;
    }

    function failed(error: unknown, mine: number) {
      if (mine !== generation) return;
      // In words, never an error's text: a bridge that is down rejects with a catalog message.
      const reason = messageOfError(error);
      set((state) => ({ directory: { ...state.directory, loading: false, error: msg('directory.searchFailed', { reason }) } }));
    }

    async function searchLocal(text: string, mine: number): Promise<void> {
      try {
        const answer = await api.searchDirectory({ text: text.trim(), limit: SEARCH_LIMIT, scope: 'local' });
        if (mine !== generation || fullShown === mine) return;
        set((state) => ({
          directory: {
            ...state.directory,
            results: answer.entries,
            resultsFor: text,
            error: null,
            failures: [],
            loading: answer.vendorsPending,
          },
        }));
      } catch (error) {
        failed(error, mine);
      }
    }

    async function searchAll(text: string, mine: number): Promise<DirectoryEntry[]> {
      set((state) => ({ directory: { ...state.directory, loading: true } }));
      try {
        const answer = await api.searchDirectory({ text: text.trim(), limit: SEARCH_LIMIT, scope: 'all' });
        if (mine === generation) {
          fullShown = mine;
          set((state) => ({
            directory: {
              ...state.directory,
              results: answer.entries,
              resultsFor: text,
              loading: false,
              error: null,
              failures: answer.failures,
            },
          }));
        }
        return answer.entries;
      } catch (error) {
        // Settled all the same: a local answer still on its way must not hide the failure behind "Asking the PBX…".
        if (mine === generation) fullShown = mine;
        failed(error, mine);
        return [];
      }
    }

    function refused(error: Message): Message {
      set((state) => ({ contacts: { ...state.contacts, error } }));
      return error;
    }

    /** The results again: a contact changed. */
    function searchAgain(): void {
      const { query } = get().directory;
      if (query.trim()) get().setDirectoryQuery(query);
    }

    /** Takes the whole list as it is now (read after an import). */
    function tookList(reply: ContactsReply): Message | null {
      if (!reply.ok) return refused(reply.error);
      set({ contacts: { list: reply.contacts, loaded: true, error: null } });
      searchAgain();
      return null;
    }

    /**
     * Applies one change the core made (its reply carries only that change) to the list read before. A list not
     * read yet stays unread: reading it gets the change too. Patching by id is idempotent, so a list read while the
     * change was being saved (which arrives first: replies come in order) may already hold it.
     */
    function patched(patch: (list: readonly Contact[]) => Contact[]): null {
      set((state) => ({
        contacts: state.contacts.loaded
          ? { list: patch(state.contacts.list), loaded: true, error: null }
          : { ...state.contacts, error: null },
      }));
      searchAgain();
      return null;
    }

    async function request<R>(call: () => Promise<R>): Promise<R | { ok: false; error: Message }> {
      try {
        return await call();
      } catch (error) {
        return { ok: false, error: msg('directory.contacts.failed', { reason: messageOfError(error) }) };
      }
    }

    return {
      directory: emptyDirectory,
      contacts: { list: [], loaded: false, error: null },

      async loadContacts() {
        const reply = await request(() => api.listContacts());
        if (reply.ok) set({ contacts: { list: reply.contacts, loaded: true, error: null } });
        else set((state) => ({ contacts: { ...state.contacts, error: reply.error } }));
      },

      async saveContact(input) {
        const reply = await request(() => api.saveContact(input));
        return reply.ok ? patched((list) => withSaved(list, reply.saved)) : refused(reply.error);
      },

      async deleteContact(id) {
        const reply = await request(() => api.deleteContact(id));
        return reply.ok ? patched((list) => list.filter((contact) => contact.id !== reply.removed)) : refused(reply.error);
      },

      async importContacts(inputs) {
        const batches = importBatches(inputs);
        let importId: string | undefined;
        let start = 0;
        let added = 0;
        const skipped: SkippedRow[] = [];
        for (const [i, contacts] of batches.entries()) {
          const last = i === batches.length - 1;
          const reply = await request(() => api.importContacts({ ...(importId === undefined ? {} : { importId }), start, contacts, last }));
          if (!reply.ok) {
            set((state) => ({ contacts: { ...state.contacts, error: reply.error } }));
            return { added: 0, skipped: [], error: reply.error };
          }
          importId = reply.importId;
          added += reply.added;
          skipped.push(...reply.skipped);
          start += contacts.length;
        }
        if (batches.length > 0) tookList(await request(() => api.listContacts()));
        return { added, skipped, error: null };
      },

      setDirectoryQuery(text) {
        if (text !== get().directory.query) get().pickFinderChoice(null);
        cancelPendingSearch();
        if (!text.trim()) {
          set({ directory: { ...emptyDirectory, query: text } });
          return;
        }
        const mine = generation;
        set((state) => ({ directory: { ...state.directory, query: text } }));
        void searchLocal(text, mine);
        debounceTimer = setTimeout(() => {
          debounceTimer = null;
          void searchAll(text, mine);
        }, SEARCH_DEBOUNCE_MS);
      },

      clearDirectory() {
        cancelPendingSearch();
        set({ directory: emptyDirectory });
      },

      searchDirectoryNow() {
        const { directory } = get();
        if (directory.resultsFor === directory.query && (directory.results.length > 0 || !directory.loading)) {
          return Promise.resolve(directory.results);
        }
        cancelPendingSearch();
        return searchAll(directory.query, generation);
      },
    };
  };
}

/** The list with `saved` in place of the contact with its id, else added at the end (where the core keeps a new one). */
export function withSaved(list: readonly Contact[], saved: Contact): Contact[] {
  const next = [...list];
  const at = next.findIndex((contact) => contact.id === saved.id);
  if (at < 0) next.push(saved);
  else next[at] = saved;
  return next;
}

/** The contacts in batches of one request each: at most IMPORT_BATCH of them, within IMPORT_REQUEST_BYTES of JSON. */
export function importBatches(inputs: readonly ContactInput[]): ContactInput[][] {
  const encoder = new TextEncoder();
  const batches: ContactInput[][] = [];
  let batch: ContactInput[] = [];
  let bytes = 0;
  for (const input of inputs) {
    const size = encoder.encode(JSON.stringify(input)).length + 1; // with the comma after it
    if (batch.length > 0 && (batch.length >= IMPORT_BATCH || bytes + size > IMPORT_REQUEST_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(input);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

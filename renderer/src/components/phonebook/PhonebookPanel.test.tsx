// @vitest-environment jsdom
/**
 * The company phonebook is shared with colleagues: when the view opens, and
 * periodically while it is open, its search runs again, so entries added
 * elsewhere show (the Telia connector reads its phonebook first when its
 * copy is not fresh).
 */
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connection, consoleWith, line } from '../../../../app/testing/fixtures';
import { SEARCH_DEBOUNCE_MS } from '../../store/directory-slice';
import { renderConsole } from '../../testing/render-console';
import { PHONEBOOK_RESEARCH_MS } from './PhonebookPanel';

const TELIA_LINE = line({
  id: 'tl/6403231',
  vendor: 'telia',
  number: '6403231',
  capabilities: ['dial', 'callback-dial', 'notify-only', 'history', 'directory', 'phonebook', 'caller-name'],
});
const TELIA = connection({ id: 'tl', vendor: 'telia', label: 'Telia' });

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const searchesFor = (api: { searches: { text: string }[] }, text: string) => api.searches.filter((q) => q.text === text).length;
const settle = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe('PhonebookPanel', () => {
  it('searches its query again when the phonebook view opens', async () => {
    // No phonebook yet (the Telia connection is not up): a search is typed.
    const { api, store } = renderConsole(consoleWith([]));
    act(() => store.getState().setDirectoryQuery('Kask'));
    await settle(SEARCH_DEBOUNCE_MS + 10);
    const typed = searchesFor(api, 'Kask');
    expect(typed).toBeGreaterThan(0);

    // The phonebook view opens: the same query is searched again, nothing typed.
    act(() => api.pushSnapshot(consoleWith([], { connections: [TELIA], lines: [TELIA_LINE] })));
    await settle(SEARCH_DEBOUNCE_MS + 10);
    expect(searchesFor(api, 'Kask')).toBeGreaterThan(typed);
  });

  it('searches again every PHONEBOOK_RESEARCH_MS while open, and not without a query', async () => {
    const { api, store } = renderConsole(consoleWith([], { connections: [TELIA], lines: [TELIA_LINE] }));
    await settle(PHONEBOOK_RESEARCH_MS + SEARCH_DEBOUNCE_MS);
    expect(api.searches).toEqual([]);

    act(() => store.getState().setDirectoryQuery('Tamm'));
    await settle(SEARCH_DEBOUNCE_MS + 10);
    const once = searchesFor(api, 'Tamm');
    await settle(PHONEBOOK_RESEARCH_MS);
    expect(searchesFor(api, 'Tamm')).toBeGreaterThan(once);
  });
});
